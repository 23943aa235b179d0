using Coffer.Core.Identity.External;

namespace Coffer.Core.Tests.Identity.External;

public sealed class ExternalSubjectTests
{
    [Fact]
    public void Derive_SameIssuerAndSubject_SameGuid_OtherIssuerOrSubject_Other()
    {
        // Act
        var first = ExternalSubject.Derive("https://idp/realms/a", "alice");
        var again = ExternalSubject.Derive("https://idp/realms/a", "alice");
        var otherIssuer = ExternalSubject.Derive("https://idp/realms/b", "alice");
        var otherSubject = ExternalSubject.Derive("https://idp/realms/a", "bob");

        // Assert
        Assert.Equal(first, again);
        Assert.NotEqual(first, otherIssuer);
        Assert.NotEqual(first, otherSubject);
    }

    [Fact]
    public void Derive_IsTheDocumentedHash_AsVersion8Uuid()
    {
        // Arrange: docs/external-issuers.md tells administrators to compute it this way.
        var hash = System.Security.Cryptography.SHA256.HashData("coffer-external-subject\nhttps://idp/realms/a\nalice"u8.ToArray());
        var hex = Convert.ToHexStringLower(hash.AsSpan(0, 16));

        // Act
        var text = ExternalSubject.Derive("https://idp/realms/a", "alice").ToString("N");

        // Assert: equal to the hash except the version nibble (8) and the variant bits.
        Assert.Equal('8', text[12]);
        Assert.Contains(text[16], "89ab");
        Assert.Equal(hex[..12] + hex[13..16] + hex[17..], text[..12] + text[13..16] + text[17..]);
    }
}
