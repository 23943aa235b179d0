using Coffer.Core.Authorization;

namespace Coffer.Core.Tests.Authorization;

public sealed class ResourceScopeTests
{
    private const string Vault = "/subscriptions/3f0e0a1c-1d47-4d0e-9a3b-2b6a1e2f9c10/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/billing";

    public static TheoryData<string> Scopes =>
    [
        "/",
        "",
        "/subscriptions/3f0e0a1c-1d47-4d0e-9a3b-2b6a1e2f9c10",
        "/SUBSCRIPTIONS/3F0E0A1C-1D47-4D0E-9A3B-2B6A1E2F9C10/",
        "/subscriptions/3f0e0a1c-1d47-4d0e-9a3b-2b6a1e2f9c1",
        "/subscriptions/3f0e0a1c-1d47-4d0e-9a3b-2b6a1e2f9c10/resourceGroups/rg",
        "/subscriptions/3f0e0a1c-1d47-4d0e-9a3b-2b6a1e2f9c10/resourceGroups/r",
        "/subscriptions/3f0e0a1c-1d47-4d0e-9a3b-2b6a1e2f9c10/resourceGroups/rg2",
        Vault,
        Vault + "/",
        Vault.ToUpperInvariant(),
        Vault + "2",
        Vault[..^1],
        Vault + "/secrets",
        Vault + "/secret",
        Vault + "/secrets/db",
        Vault + "/SECRETS/DB/",
        Vault + "/secrets/db2",
        Vault + "/secrets/d",
        Vault + "/keys/db",
        Vault + "/secrets/db/extra",
        Vault + "//secrets/db",
        Vault + "/secretsdb",
    ];

    [Theory]
    [MemberData(nameof(Scopes))]
    public void CoversObject_AnyScope_AnswersAsCoversOnTheObjectsPath(string scope)
    {
        // Arrange
        var objectPath = ResourceScope.ObjectPath(Vault, "secrets", "db");

        // Act
        var covers = ResourceScope.CoversObject(scope, Vault, "secrets", "db");

        // Assert
        Assert.Equal(ResourceScope.Covers(scope, objectPath), covers);
    }

    [Theory]
    [InlineData("/", true)]
    [InlineData(Vault, true)]
    [InlineData(Vault + "/secrets/db", true)]
    [InlineData(Vault + "/secrets/other", false)]
    [InlineData(Vault + "2", false)]
    public void CoversObject_TypicalScopes_Answer(string scope, bool expected)
    {
        // Act
        var covers = ResourceScope.CoversObject(scope, Vault, "secrets", "db");

        // Assert
        Assert.Equal(expected, covers);
    }
}
