namespace Mockalloc.Analyzers.Internal;

/// <summary>What a method does, on at least one path, with a resource passed as an argument.</summary>
internal enum ParameterEffect
{
    /// <summary>Only reads it: the caller still owns it.</summary>
    Borrows,

    /// <summary>Releases it: ownership ends.</summary>
    Releases,

    /// <summary>Keeps it (field, collection, return, another owner): ownership is transferred.</summary>
    Stores,
}
