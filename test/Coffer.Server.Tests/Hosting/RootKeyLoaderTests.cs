using Coffer.Server.Hosting;
using Microsoft.Extensions.Logging;

namespace Coffer.Server.Tests.Hosting;

public sealed class RootKeyLoaderTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly RecordingLogger _logger = new();

    public RootKeyLoaderTests()
    {
        // These tests exercise the file path; the environment variable would bypass it.
        Assert.True(string.IsNullOrEmpty(Environment.GetEnvironmentVariable(RootKeyLoader.EnvironmentVariable)),
            $"{RootKeyLoader.EnvironmentVariable} is set in the test environment.");
        Directory.CreateDirectory(_temp.Data);
    }

    [Fact]
    public void Load_NoKeyFile_CreatesPrivateFileAndWarnsItIsNextToData()
    {
        // Arrange
        var options = new ServeOptions { DataDirectory = _temp.Data };

        // Act
        using var rootKey = RootKeyLoader.Load(options, _logger);

        // Assert
        var path = Path.Combine(_temp.Data, "root.key");
        Assert.True(File.Exists(path));
        Assert.Equal("file", rootKey.Source);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        var warning = Assert.Single(_logger.Entries, e => e.EventId.Name == "RootKeyNextToData");
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal(4002, warning.EventId.Id);
        Assert.Contains(path, warning.Message, StringComparison.Ordinal);
        Assert.Contains(_logger.Entries, e => e.EventId.Name == "RootKeyCreated");
    }

    [Fact]
    public void Load_Twice_ReturnsSameKey()
    {
        // Arrange
        var options = new ServeOptions { DataDirectory = _temp.Data };
        using var first = RootKeyLoader.Load(options, _logger);

        // Act
        using var second = RootKeyLoader.Load(options, _logger);

        // Assert
        Assert.Equal(first.Id, second.Id);
        Assert.Single(_logger.Entries, e => e.EventId.Name == "RootKeyCreated");
    }

    [Fact]
    public void Load_KeyFileOutsideDataDirectory_DoesNotWarn()
    {
        // Arrange: a sibling whose name starts with the data directory's name is still outside it.
        var keyFile = Path.Combine(_temp.Root, "data-keys", "root.key");
        Directory.CreateDirectory(Path.GetDirectoryName(keyFile)!); // a file path always has a directory
        var options = new ServeOptions { DataDirectory = _temp.Data, RootKeyFile = keyFile };

        // Act
        using var rootKey = RootKeyLoader.Load(options, _logger);

        // Assert
        Assert.True(File.Exists(keyFile));
        Assert.False(File.Exists(Path.Combine(_temp.Data, "root.key")));
        Assert.DoesNotContain(_logger.Entries, e => e.EventId.Name == "RootKeyNextToData");
    }

    /// <summary><c>--data /var/lib/coffer/</c> (a trailing slash, as shell completion writes it) is the same directory.</summary>
    [Fact]
    public void Load_DataDirectoryWithTrailingSlash_StillWarns()
    {
        // Arrange
        var options = new ServeOptions { DataDirectory = _temp.Data + Path.DirectorySeparatorChar };

        // Act
        using var rootKey = RootKeyLoader.Load(options, _logger);

        // Assert
        Assert.True(File.Exists(Path.Combine(_temp.Data, "root.key")));
        Assert.Contains(_logger.Entries, e => e.EventId.Name == "RootKeyNextToData");
    }

    [Fact]
    public void Load_KeyFileNamedInsideDataDirectory_Warns()
    {
        // Arrange
        var options = new ServeOptions { DataDirectory = _temp.Data, RootKeyFile = Path.Combine(_temp.Data, "keys", "..", "my.key") };

        // Act
        using var rootKey = RootKeyLoader.Load(options, _logger);

        // Assert
        Assert.True(File.Exists(Path.Combine(_temp.Data, "my.key")));
        Assert.Contains(_logger.Entries, e => e.EventId.Name == "RootKeyNextToData");
    }

    public void Dispose() => _temp.Dispose();
}
