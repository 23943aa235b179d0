namespace Coffer.Server.Hosting;

/// <summary>
/// This node's lasting id, kept in its data directory (<c>node-id</c>). Nodes sharing a PostgreSQL store each append
/// to their own audit chain, named after it, so their writers never collide on a sequence.
/// </summary>
internal static class NodeId
{
    public const string FileName = "node-id";

    public static string LoadOrCreate(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path))
        {
            FileSystem.WritePrivateFile(path, Guid.NewGuid().ToString("N") + "\n");
        }

        return "node-" + File.ReadAllText(path).Trim();
    }
}
