using Mockalloc.Internal;
using Mockalloc.Tracked;

namespace Mockalloc.Core.Tests.Tracing;

/// <summary>A traced failure's summary line names the region after the code that started it.</summary>
public sealed class RegionNamingTests
{
    [Fact]
    public async Task An_async_region_is_named_after_its_method()
    {
        AllocInfo info = await Allocs.RecordAsync(async () =>
        {
            await Task.Yield();
            unsafe
            {
                TrackedNativeMemory.Alloc(8, CallSite.Here());
            }
        }, new AllocOptions { Tracing = true });

        Assert.Contains($"Traced: 1 leak in RegionNamingTests.{nameof(An_async_region_is_named_after_its_method)}.", Assert.Throws<AllocException>(info.ThrowIfError).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lambdas_and_local_functions_are_named_after_their_enclosing_member()
    {
        int captured = 1;
        Action capturing = () => captured++;
        Action plain = () => { };
        void Local() => captured++;

        Assert.Equal($"RegionNamingTests.{nameof(Lambdas_and_local_functions_are_named_after_their_enclosing_member)}", RegionNaming.Of(capturing.Method));
        Assert.Equal($"RegionNamingTests.{nameof(Lambdas_and_local_functions_are_named_after_their_enclosing_member)}", RegionNaming.Of(plain.Method));
        Assert.Equal($"RegionNamingTests.{nameof(Lambdas_and_local_functions_are_named_after_their_enclosing_member)}", RegionNaming.Of(((Action)Local).Method));
        Assert.Equal("RegionNamingTests.Named", RegionNaming.Of(((Action)Named).Method));
    }

    private static void Named()
    {
    }
}
