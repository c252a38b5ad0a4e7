using Mockalloc;

namespace WeaverErrorsFixture;

public abstract class Refused
{
    [AssertAllocs]
    public abstract void AbstractMethod();

    [AssertAllocs]
    public static async void AsyncVoidMethod() => await Task.Yield();

    [AssertAllocs]
    public static IEnumerable<int> IteratorMethod()
    {
        yield return 1;
    }

    [AssertAllocs]
    public static async IAsyncEnumerable<int> AsyncIteratorMethod()
    {
        await Task.Yield();
        yield return 1;
    }
}
