namespace Coffer.Server.Hosting;

/// <summary>
/// Holds <c>{data}/coffer.lock</c> open exclusively while a server runs. Two servers on one SQLite directory would
/// each trust their own caches of what the other changes, so the second one is refused at start.
/// </summary>
internal sealed class DataDirectoryLock : IDisposable
{
    private readonly FileStream _stream;

    private DataDirectoryLock(FileStream stream) => _stream = stream;

    public static DataDirectoryLock Acquire(string dataDirectory) =>
        TryAcquire(dataDirectory) ?? throw new InvalidOperationException(
            $"Another Coffer server is using the data directory {dataDirectory}. Stop it, or give this one its own --data directory.");

    /// <summary>The lock, or null while a server holds it.</summary>
    public static DataDirectoryLock? TryAcquire(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "coffer.lock");
        try
        {
            return new DataDirectoryLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _stream.Dispose();
}
