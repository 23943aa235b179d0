namespace Coffer.Server.Tests;

/// <summary>A fresh directory under the system temp path, deleted on dispose; <see cref="Data"/> does not exist yet.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Root = Directory.CreateTempSubdirectory("coffer-server-tests-").FullName;

    public string Root { get; }

    public string Data => Path.Combine(Root, "data");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying child: the temp directory is cleaned up later.
        }
    }
}
