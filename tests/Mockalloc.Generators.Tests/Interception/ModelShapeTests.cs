using System.Reflection;
using Mockalloc.Generators.Model;

namespace Mockalloc.Generators.Tests.Interception;

/// <summary>
/// The pipeline caches by value: a model that held a syntax node, a symbol or a compilation would keep old
/// compilations alive and never compare equal. Every type reachable from the model must be Roslyn-free.
/// </summary>
public sealed class ModelShapeTests
{
    [Theory]
    [InlineData(typeof(InterceptedCall))]
    [InlineData(typeof(InterceptorParameter))]
    [InlineData(typeof(InterceptorSignature))]
    [InlineData(typeof(InterceptorFile))]
    [InlineData(typeof(EquatableArray<InterceptedCall>))]
    public void The_model_holds_no_Roslyn_types(Type model)
    {
        var seen = new HashSet<Type>();
        var offenders = new List<string>();
        Walk(model, model.Name, seen, offenders);
        Assert.Empty(offenders);
        Assert.True(seen.Count > 1, "the walk saw the model's members");
    }

    [Fact]
    public void Equal_models_are_equal()
    {
        InterceptedCall a = Sample(), b = Sample();
        Assert.Equal(a, b);
        Assert.NotEqual(a, b with { Line = 2 });
        Assert.NotEqual(a, b with { Signature = b.Signature with { Parameters = new EquatableArray<InterceptorParameter>([new("", "int", "y")]) } });
    }

    private static InterceptedCall Sample() => new()
    {
        LocationVersion = 1,
        LocationData = "data",
        DisplayLocation = "Case.cs(1,1)",
        Signature = new InterceptorSignature
        {
            Api = "Marshal.AllocHGlobal",
            Facade = "global::Mockalloc.Tracked.TrackedMarshal.AllocHGlobal",
            ReturnType = "nint",
            TypeParameters = "",
            Constraints = "",
            Receiver = null,
            ReceiverCast = null,
            Parameters = new EquatableArray<InterceptorParameter>([new("", "int", "x")]),
            IsUnsafe = false,
        },
        File = "Case.cs",
        Line = 1,
        Member = "Run",
    };

    private static void Walk(Type type, string path, HashSet<Type> seen, List<string> offenders)
    {
        if (!seen.Add(type))
        {
            return;
        }

        if (type.Assembly.GetName().Name is { } assembly && assembly.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
        {
            offenders.Add($"{path}: {type}");
            return;
        }

        if (type.IsPrimitive || type == typeof(string) || type.IsEnum)
        {
            return;
        }

        foreach (Type argument in type.GetGenericArguments())
        {
            Walk(argument, path + "<" + argument.Name + ">", seen, offenders);
        }

        foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            Type fieldType = field.FieldType.IsArray ? field.FieldType.GetElementType()! : field.FieldType;
            Walk(Nullable.GetUnderlyingType(fieldType) ?? fieldType, path + "." + field.Name, seen, offenders);
        }
    }
}
