namespace System.Runtime.CompilerServices;

/// <summary>Lets <c>required</c> members compile on netstandard2.0.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
internal sealed class RequiredMemberAttribute : Attribute
{
}
