namespace Mockalloc.Analyzers.Ownership;

/// <summary>What a method does with one of its parameters, as its callers see it.</summary>
public sealed class ParameterOwnership
{
    internal ParameterOwnership(string name, string effect)
    {
        Name = name;
        Effect = effect;
    }

    /// <summary>The parameter's name.</summary>
    public string Name { get; }

    /// <summary><c>borrows</c>, <c>releases</c> or <c>stores</c> (ownership moves to the callee).</summary>
    public string Effect { get; }
}
