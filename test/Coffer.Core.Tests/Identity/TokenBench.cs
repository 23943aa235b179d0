using System.Security.Cryptography;
using System.Text;
using Coffer.Core.Crypto;
using Coffer.Core.Identity;
using Coffer.Core.KeyRing;
using Coffer.Core.Tests.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Core.Tests.Identity;

/// <summary>A loaded signing key ring with an issuer and a validator over one fake clock, and helpers to hand-craft JWS.</summary>
internal sealed class TokenBench : IDisposable
{
    public const string Audience = "https://localhost:8443";
    public static readonly DateTimeOffset Start = new(2025, 7, 1, 12, 0, 0, TimeSpan.Zero);

    private TokenBench(RootKey rootKey, InMemorySigningKeyStore store, FakeTimeProvider time, SigningKeyRing ring, TokenAuthority authority)
    {
        RootKey = rootKey;
        Store = store;
        Time = time;
        Ring = ring;
        Authority = authority;
        Issuer = new TokenIssuer(ring, authority, time);
        Validator = new TokenValidator(ring, authority, Credentials, time);
        Identity = new ManagedIdentity(Guid.NewGuid(), "dev", Guid.NewGuid(), "dev", "local", new Dictionary<string, string>(), Start);
        Credentials.Apply(new CredentialChange(IdentityService.CredentialIdOf(Identity), DateTimeOffset.MaxValue));
    }

    public RootKey RootKey { get; }

    /// <summary>The live credentials both the issuer and the validator see.</summary>
    public CredentialDirectory Credentials { get; } = new();

    public InMemorySigningKeyStore Store { get; }

    public FakeTimeProvider Time { get; }

    public SigningKeyRing Ring { get; }

    public TokenAuthority Authority { get; }

    public TokenIssuer Issuer { get; }

    public TokenValidator Validator { get; }

    public ManagedIdentity Identity { get; }

    public static async Task<TokenBench> CreateAsync(CancellationToken cancellationToken)
    {
        var rootKey = new RootKey(RootKey.Generate(), "test");
        var store = new InMemorySigningKeyStore();
        var time = new FakeTimeProvider(Start);
        var ring = new SigningKeyRing(rootKey, store, time);
        await ring.LoadAsync(cancellationToken);
        var tenant = Guid.NewGuid();
        var authority = new TokenAuthority($"{Audience}/{tenant:D}/v2.0", tenant, TimeSpan.FromHours(1), TimeSpan.FromMinutes(5));
        return new TokenBench(rootKey, store, time, ring, authority);
    }

    public string IssueToken() => Issuer.Issue(Identity, Audience).AccessToken;

    /// <summary>Signs arbitrary header and payload JSON with the ring's current RS256 key.</summary>
    public string Sign(string headerJson, string payloadJson) => Sign(Ring.Current.Key, headerJson, payloadJson);

    public static string Sign(RSA key, string headerJson, string payloadJson)
    {
        var signingInput = Base64Url.Encode(Encoding.UTF8.GetBytes(headerJson)) + "." + Base64Url.Encode(Encoding.UTF8.GetBytes(payloadJson));
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.Encode(signature);
    }

    public static string Segment(string token, int index) => token.Split('.')[index];

    public static string DecodeSegment(string token, int index)
    {
        Assert.True(Base64Url.TryDecode(Segment(token, index), out var bytes));
        return Encoding.UTF8.GetString(bytes);
    }

    public static string EncodeSegment(string json) => Base64Url.Encode(Encoding.UTF8.GetBytes(json));

    public void Dispose()
    {
        Ring.Dispose();
        RootKey.Dispose();
    }
}
