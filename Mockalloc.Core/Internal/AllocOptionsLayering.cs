using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;

namespace Mockalloc.Internal;

/// <summary>
/// Resolves the <see cref="AllocOptions"/> of one test from its layers, highest first: the test attribute
/// on the method, <see cref="MockallocDefaultsAttribute"/> on the test class and its base classes (merged
/// knob by knob, the most derived class winning), the same on the test class's assembly, the environment,
/// then <see cref="AllocOptions.Default"/>.
/// </summary>
/// <remarks>
/// <para>Shared by every test-framework integration so the precedence means the same everywhere.</para>
/// <para>Each knob is looked up by its <see cref="AllocOptions"/> property name in every layer; in the
/// environment its name is <c>MOCKALLOC_</c> followed by the name in upper snake case
/// (<c>AllowNoData</c> → <c>MOCKALLOC_ALLOW_NO_DATA</c>, <c>Tracing</c> → <c>MOCKALLOC_TRACING</c>).
/// Adding a knob is one line in <see cref="Resolve(AllocKnobs?, AllocKnobs?, AllocKnobs?, Func{string, string?})"/>
/// (plus the public properties on the attributes).</para>
/// </remarks>
internal static class AllocOptionsLayering
{
    private static readonly ConcurrentDictionary<(MethodInfo Method, Type TestClass), (AllocKnobs? Method, AllocKnobs? Class, AllocKnobs? Assembly)> s_attributeLayers = new();

    /// <summary>The options of a test, read from its attributes and the process environment.</summary>
    /// <param name="testMethod">The test method; its knobs come from an attribute implementing <see cref="IAllocKnobSource"/>.</param>
    /// <param name="testClass">The class the test runs in (may derive from the method's declaring type).</param>
    /// <exception cref="InvalidOperationException">A <c>MOCKALLOC_*</c> environment variable has a value that is not valid.</exception>
    public static AllocOptions ForTest(MethodInfo testMethod, Type testClass)
    {
        ArgumentNullException.ThrowIfNull(testMethod);
        ArgumentNullException.ThrowIfNull(testClass);
        (AllocKnobs? method, AllocKnobs? @class, AllocKnobs? assembly) = s_attributeLayers.GetOrAdd((testMethod, testClass), static key => (
            KnobsOf(key.Method.GetCustomAttributes(inherit: true)),
            ClassKnobs(key.TestClass),
            KnobsOf(key.TestClass.Assembly.GetCustomAttributes(typeof(MockallocDefaultsAttribute), inherit: false))));
        AllocOptions resolved = Resolve(method, @class, assembly, Environment.GetEnvironmentVariable);
        return resolved.WithRegionName($"{testClass.Name}.{testMethod.Name}");
    }

    /// <summary>The options given by the layers, highest first; a null layer sets nothing.</summary>
    /// <param name="method">The test attribute's knobs.</param>
    /// <param name="class">The test class's defaults.</param>
    /// <param name="assembly">The test assembly's defaults.</param>
    /// <param name="environment">Reads an environment variable (null when unset).</param>
    /// <exception cref="InvalidOperationException">A <c>MOCKALLOC_*</c> environment variable has a value that is not valid.</exception>
    public static AllocOptions Resolve(AllocKnobs? method, AllocKnobs? @class, AllocKnobs? assembly, Func<string, string?> environment)
    {
        var layers = new Layers(method, @class, assembly, environment);
        AllocOptions builtIn = AllocOptions.Default;
        return new AllocOptions
        {
            // One line per knob.
            AllowNoData = layers.Flag(nameof(AllocOptions.AllowNoData), builtIn.AllowNoData),
            Tracing = layers.Flag(nameof(AllocOptions.Tracing), builtIn: false),
            TraceStacks = layers.Flag(nameof(AllocOptions.TraceStacks), builtIn.TraceStacks),
            MaxManagedBytes = layers.Budget(nameof(AllocOptions.MaxManagedBytes), builtIn.MaxManagedBytes),
            MaxAllocations = layers.Budget(nameof(AllocOptions.MaxAllocations), builtIn.MaxAllocations),
            MaxPeakBytes = layers.Budget(nameof(AllocOptions.MaxPeakBytes), builtIn.MaxPeakBytes),
        };
    }

    /// <summary>A flag knob as the environment sets it, or null when the variable is unset or empty.</summary>
    /// <param name="name">The knob's <see cref="AllocOptions"/> property name.</param>
    /// <param name="environment">Reads an environment variable (null when unset).</param>
    /// <exception cref="InvalidOperationException">The variable's value is not a flag.</exception>
    public static bool? EnvironmentFlag(string name, Func<string, string?> environment)
    {
        string variable = EnvironmentName(name);
        string? text = environment(variable)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        return text.ToUpperInvariant() switch
        {
            "1" or "TRUE" or "YES" or "ON" => true,
            "0" or "FALSE" or "NO" or "OFF" => false,
            _ => throw new InvalidOperationException(
                $"The environment variable {variable}='{text}' is not a flag. Set it to 1 (or true) to switch {name} on, 0 (or false) to switch it off, or unset it."),
        };
    }

    /// <summary>The environment variable that sets a knob: <c>MOCKALLOC_</c> + the name in upper snake case.</summary>
    public static string EnvironmentName(string knob)
    {
        var name = new System.Text.StringBuilder("MOCKALLOC_", 10 + (knob.Length * 2));
        for (int i = 0; i < knob.Length; i++)
        {
            char c = knob[i];
            if (char.IsUpper(c) && i > 0)
            {
                name.Append('_');
            }
            name.Append(char.ToUpperInvariant(c));
        }
        return name.ToString();
    }

    /// <summary>
    /// The class layer: the <see cref="MockallocDefaultsAttribute"/> of the class and of each base class, a knob
    /// set on a more derived class winning, a knob it leaves unset inherited from its base.
    /// </summary>
    /// <remarks>
    /// Reflection with <c>inherit: true</c> would give the most derived attribute only (the attribute allows
    /// one instance), hiding every knob of the base classes; so each class is read on its own.
    /// </remarks>
    private static AllocKnobs? ClassKnobs(Type testClass)
    {
        AllocKnobs? merged = null;
        for (Type? type = testClass; type is not null; type = type.BaseType)
        {
            if (KnobsOf(type.GetCustomAttributes(typeof(MockallocDefaultsAttribute), inherit: false)) is { } knobs)
            {
                merged = merged is null ? knobs : merged.Over(knobs);
            }
        }
        return merged;
    }

    private static AllocKnobs? KnobsOf(object[] attributes)
    {
        foreach (object attribute in attributes)
        {
            if (attribute is IAllocKnobSource source)
            {
                return source.Knobs.IsEmpty ? null : source.Knobs;
            }
        }
        return null;
    }

    private readonly struct Layers(AllocKnobs? method, AllocKnobs? @class, AllocKnobs? assembly, Func<string, string?> environment)
    {
        public bool Flag(string name, bool builtIn)
        {
            if (TryAttributes(name, out long value))
            {
                return value != 0;
            }
            return EnvironmentFlag(name, environment) ?? builtIn;
        }

        public long? Budget(string name, long? builtIn)
        {
            if (TryAttributes(name, out long value))
            {
                return value < 0 ? null : value;
            }
            string variable = EnvironmentName(name);
            string? text = environment(variable)?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                return builtIn;
            }
            if (string.Equals(text, "none", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
            if (long.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out value))
            {
                return value < 0 ? null : value;
            }
            throw new InvalidOperationException(
                $"The environment variable {variable}='{text}' is not a budget. Set it to a whole number (the limit), to 'none' or a negative number (no limit), or unset it.");
        }

        private bool TryAttributes(string name, out long value)
        {
            value = 0;
            return (method?.TryGet(name, out value) ?? false)
                || (@class?.TryGet(name, out value) ?? false)
                || (assembly?.TryGet(name, out value) ?? false);
        }
    }
}
