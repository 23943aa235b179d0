namespace Coffer.Server.Hosting;

/// <summary>Files that hold keys or credentials are created readable by their owner only.</summary>
internal static class FileSystem
{
    /// <summary>Writes <paramref name="content"/> to a file only its owner can read; with <paramref name="createNew"/>, never over an existing one.</summary>
    public static void WritePrivateFile(string path, byte[] content, bool createNew = false)
    {
        var options = new FileStreamOptions { Mode = createNew ? FileMode.CreateNew : FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        stream.Write(content);
        stream.Flush(flushToDisk: true);
    }

    public static void WritePrivateFile(string path, string content) => WritePrivateFile(path, System.Text.Encoding.UTF8.GetBytes(content));

    public static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
