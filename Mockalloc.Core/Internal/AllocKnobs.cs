namespace Mockalloc.Internal;

/// <summary>
/// The knobs one layer sets explicitly (a test attribute, a <see cref="MockallocDefaultsAttribute"/>, the
/// environment); a knob a layer does not set inherits from the layer below.
/// </summary>
/// <remarks>
/// Knobs are keyed by their <see cref="AllocOptions"/> property name, so layering is generic and a new knob
/// needs no change here. Values are stored as <see cref="long"/>: flags as 0 or 1, budgets as the byte or
/// count limit, with a negative value meaning "no budget" (attributes cannot take <c>long?</c>).
/// </remarks>
internal sealed class AllocKnobs
{
    // At most a handful of knobs: a list is smaller and faster than a dictionary.
    private readonly List<KeyValuePair<string, long>> _set = [];

    /// <summary>Whether the layer sets no knob at all.</summary>
    public bool IsEmpty => _set.Count == 0;

    /// <summary>Sets (or replaces) a knob.</summary>
    public void Set(string name, long value)
    {
        for (int i = 0; i < _set.Count; i++)
        {
            if (_set[i].Key == name)
            {
                _set[i] = new(name, value);
                return;
            }
        }
        _set.Add(new(name, value));
    }

    /// <summary>Sets a flag knob.</summary>
    public void SetFlag(string name, bool value) => Set(name, value ? 1 : 0);

    /// <summary>Reads a knob this layer sets.</summary>
    public bool TryGet(string name, out long value)
    {
        foreach (KeyValuePair<string, long> knob in _set)
        {
            if (knob.Key == name)
            {
                value = knob.Value;
                return true;
            }
        }
        value = 0;
        return false;
    }

    /// <summary>
    /// A new layer with every knob this one sets, and the knobs of <paramref name="lower"/> that this one leaves
    /// unset. Neither layer changes (they belong to attributes that reflection may hand out again).
    /// </summary>
    public AllocKnobs Over(AllocKnobs lower)
    {
        ArgumentNullException.ThrowIfNull(lower);
        var merged = new AllocKnobs();
        merged._set.AddRange(lower._set);
        foreach (KeyValuePair<string, long> knob in _set)
        {
            merged.Set(knob.Key, knob.Value);
        }
        return merged;
    }

    /// <summary>A flag's value in this layer, false when unset (what an attribute's getter shows).</summary>
    public bool GetFlag(string name) => TryGet(name, out long value) && value != 0;

    /// <summary>A budget's value in this layer, -1 ("no budget") when unset (what an attribute's getter shows).</summary>
    public long GetBudget(string name) => TryGet(name, out long value) ? value : -1;
}
