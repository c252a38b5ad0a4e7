namespace System.Runtime.CompilerServices;

/// <summary>Lets <c>required</c> members compile on netstandard2.0.</summary>
[AttributeUsage(AttributeTargets.All, AllowMultiple = true, Inherited = false)]
internal sealed class CompilerFeatureRequiredAttribute(string featureName) : Attribute
{
    /// <summary>The feature's name.</summary>
    public string FeatureName { get; } = featureName;
}
