using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Mockalloc.Sdk.Xunit;

/// <summary>
/// Invokes one test (class construction to disposal) like <see cref="XunitTestInvoker"/>, and also awaits a
/// test method that returns <see cref="ValueTask"/> or <see cref="ValueTask{TResult}"/>, which xUnit v2 does
/// not: without it the region would end at the method's first await and miss the rest.
/// </summary>
public sealed class MockallocTestInvoker : XunitTestInvoker
{
    /// <summary>Creates the invoker.</summary>
    /// <param name="test">The test.</param>
    /// <param name="messageBus">Where results go.</param>
    /// <param name="testClass">The test class.</param>
    /// <param name="constructorArguments">The test class's constructor arguments.</param>
    /// <param name="testMethod">The test method.</param>
    /// <param name="testMethodArguments">The data row, or null.</param>
    /// <param name="beforeAfterAttributes">The test's before/after attributes.</param>
    /// <param name="aggregator">Collects the test's exceptions.</param>
    /// <param name="cancellationTokenSource">Cancels the run.</param>
    public MockallocTestInvoker(ITest test, IMessageBus messageBus, Type testClass, object[] constructorArguments, MethodInfo testMethod, object[] testMethodArguments, IReadOnlyList<BeforeAfterTestAttribute> beforeAfterAttributes, ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource)
        : base(test, messageBus, testClass, constructorArguments, testMethod, testMethodArguments, beforeAfterAttributes, aggregator, cancellationTokenSource)
    {
    }

    /// <inheritdoc/>
    protected override object? CallTestMethod(object testClassInstance)
    {
        object result = base.CallTestMethod(testClassInstance);
        return result switch
        {
            ValueTask valueTask => valueTask.AsTask(),
            not null when result.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(ValueTask<>) =>
                type.GetMethod(nameof(ValueTask<int>.AsTask))!.Invoke(result, null)!,
            _ => result,
        };
    }
}
