namespace System.Diagnostics.CodeAnalysis;

/// <summary>Lets records with <c>required</c> members compile on netstandard2.0.</summary>
[AttributeUsage(AttributeTargets.Constructor, AllowMultiple = false, Inherited = false)]
internal sealed class SetsRequiredMembersAttribute : Attribute
{
}
