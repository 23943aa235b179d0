namespace Coffer.Api.Tests.TestSupport;

/// <summary>The request the token tests probe with: a cheap data-plane read carrying the token under test.</summary>
internal static class TokenCalls
{
    private static readonly string ReadPath = $"/secrets?api-version={ServerFixture.ApiVersion}&maxresults=1";

    /// <summary>Lists at most one secret with <paramref name="token"/> as the bearer token.</summary>
    public static async Task<HttpResponseMessage> ReadWithTokenAsync(this ServerFixture fixture, string token)
    {
        using var request = fixture.RequestAs(token, HttpMethod.Get, ReadPath);
        return await fixture.SendAsync(request);
    }
}
