namespace Coffer.Api.Tests.TestSupport;

/// <summary>Waits for something a background task does (a key fetch, say), with a deadline so a test cannot hang.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string failure, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    public static async Task<T> ResultAsync<T>(Func<Task<T>> attempt, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var result = await attempt();
            if (done(result) || DateTime.UtcNow >= deadline)
            {
                return result;
            }

            (result as IDisposable)?.Dispose();
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
