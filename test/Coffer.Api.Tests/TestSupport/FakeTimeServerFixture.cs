using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Api.Tests.TestSupport;

/// <summary>A server whose clock (token issuing and validation included) is a <see cref="FakeTimeProvider"/> starting at the real now.</summary>
public sealed class FakeTimeServerFixture : ServerFixture
{
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Time);
}
