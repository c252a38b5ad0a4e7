namespace Mockalloc.Generators.Model;

/// <summary>One parameter of an interceptor, as source text.</summary>
/// <param name="Modifier">The ref-kind keyword with a trailing space (<c>"ref "</c>), or empty.</param>
/// <param name="Type">The fully qualified type.</param>
/// <param name="Name">The parameter's name.</param>
internal sealed record InterceptorParameter(string Modifier, string Type, string Name);
