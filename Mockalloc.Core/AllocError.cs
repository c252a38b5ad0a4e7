namespace Mockalloc;

/// <summary>The class of allocation bug a region found.</summary>
/// <remarks>
/// A region reports one class, the first that applies in this order: <see cref="Leak"/>,
/// <see cref="DoubleFree"/>, <see cref="NoData"/>, <see cref="BadPtr"/>, <see cref="MismatchedFree"/>,
/// <see cref="BadLayout"/>, <see cref="BadSize"/>, <see cref="BadAlignment"/>, then <see cref="OverBudget"/>.
/// </remarks>
public enum AllocError
{
    /// <summary>
    /// The region saw no tracked acquisition or release at all: tracking is probably not switched on for
    /// the code under test. Set <see cref="AllocOptions.AllowNoData"/> when a region legitimately allocates nothing.
    /// </summary>
    NoData,

    /// <summary>More acquisitions than releases: something was acquired and never released.</summary>
    Leak,

    /// <summary>More releases than acquisitions: something was released twice (or acquired before the region began).</summary>
    DoubleFree,

    /// <summary>
    /// As many releases as acquisitions, but some release named something that was never acquired in the
    /// region (a foreign or interior pointer, a foreign array); also a leak and a double free together.
    /// </summary>
    BadPtr,

    /// <summary>A sized release gave a wrong size (the alignment was right).</summary>
    BadSize,

    /// <summary>A sized release gave a wrong alignment (the size was right).</summary>
    BadAlignment,

    /// <summary>A sized release gave a wrong size and a wrong alignment.</summary>
    BadLayout,

    /// <summary>
    /// Something was released through a different API family than acquired it (an <c>AllocHGlobal</c> block
    /// freed by <c>NativeMemory.Free</c>, an <c>AlignedAlloc</c> block freed by <c>Free</c>, a buffer returned
    /// to a pool other than the one it was rented from).
    /// </summary>
    MismatchedFree,

    /// <summary>No bug was found, but a budget of <see cref="AllocOptions"/> was exceeded.</summary>
    OverBudget,
}
