using Coffer.Server.Cli;
using Coffer.Server.Cli.Client;

namespace Coffer.Server.Tests.Cli;

/// <summary>Which server, CA and saved login a client command uses, and the login file itself.</summary>
public sealed class ClientSettingsTests : IDisposable
{
    private readonly TempDirectory _home = new();

    public void Dispose() => _home.Dispose();

    private ClientEnvironment Environment(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value);
        map["HOME"] = _home.Root;
        return new ClientEnvironment(name => map.GetValueOrDefault(name));
    }

    [Fact]
    public void Resolve_ServerFlagBeatsVariableBeatsProfileBeatsDefault()
    {
        // Arrange
        var environment = Environment(("COFFER_SERVER", "https://from-variable:9443/"));
        var none = CommandOptions.Parse([], "coffer test", []);
        var flag = CommandOptions.Parse(["--server", "https://from-flag"], "coffer test", []);

        // Act
        var fromDefault = ClientSettings.Resolve(none, Environment()).Server;
        new LoginProfile("https://from-profile:1234", "t", "c", "s").Save(Environment());
        var fromProfile = ClientSettings.Resolve(none, Environment()).Server;
        var fromVariable = ClientSettings.Resolve(none, environment).Server;
        var fromFlag = ClientSettings.Resolve(flag, environment).Server;

        // Assert
        Assert.Equal("https://localhost:8443", fromDefault);
        Assert.Equal("https://from-profile:1234", fromProfile);
        Assert.Equal("https://from-variable:9443", fromVariable);
        Assert.Equal("https://from-flag", fromFlag);
    }

    [Theory]
    [InlineData("http://localhost:8443")]
    [InlineData("https://localhost:8443/vaults")]
    [InlineData("localhost:8443")]
    public void NormalizeServer_NotAnHttpsOrigin_ThrowsUsageException(string text) =>
        Assert.Throws<UsageException>(() => ClientSettings.NormalizeServer(text));

    [Fact]
    public void Resolve_CaFile_FromVariable_ElseDefaultDataDirectory_ElseNone()
    {
        // Arrange
        var none = CommandOptions.Parse([], "coffer test", []);
        var dataCa = Path.Combine(_home.Root, ".local", "share", "coffer", "ca.crt");
        var explicitCa = Path.Combine(_home.Root, "mine.crt");
        File.WriteAllText(explicitCa, "x");

        // Act
        var withoutAny = ClientSettings.Resolve(none, Environment()).CaFile;
        Directory.CreateDirectory(Path.GetDirectoryName(dataCa)!);
        File.WriteAllText(dataCa, "x");
        var fromDataDirectory = ClientSettings.Resolve(none, Environment()).CaFile;
        var fromVariable = ClientSettings.Resolve(none, Environment(("COFFER_CA_FILE", explicitCa))).CaFile;

        // Assert
        Assert.Null(withoutAny);
        Assert.Equal(dataCa, fromDataDirectory);
        Assert.Equal(explicitCa, fromVariable);
        Assert.Throws<CommandFailedException>(() => ClientSettings.Resolve(none, Environment(("COFFER_CA_FILE", explicitCa + ".missing"))));
    }

    [Fact]
    public void LoginProfile_SavedOwnerOnly_UnderXdgConfigHome_LoadsBack_DeleteRemoves()
    {
        // Arrange
        var config = Path.Combine(_home.Root, "xdg");
        var environment = Environment(("XDG_CONFIG_HOME", config));
        var profile = new LoginProfile("https://localhost:8443", "tenant", "client", "the-secret");

        // Act
        profile.Save(environment);
        var path = Path.Combine(config, "coffer", "profile.json");
        var loaded = LoginProfile.Load(environment);
        var mode = OperatingSystem.IsWindows() ? UnixFileMode.UserRead | UnixFileMode.UserWrite : File.GetUnixFileMode(path);
        var deleted = LoginProfile.Delete(environment);

        // Assert
        Assert.Equal(profile, loaded);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
        Assert.True(deleted);
        Assert.False(File.Exists(path));
        Assert.DoesNotContain("the-secret", profile.ToString(), StringComparison.Ordinal);
    }
}
