using FunctionsDownloader.Standalone;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace FunctionsDownloader.Tests.Infrastructure;

/// <summary>
/// A Standalone host of its own for a test that needs other settings (short retention, tiny
/// limits, a second instance), on the fixture's Azurite, with a client that sends the fixture's key.
/// </summary>
public sealed class ExtraHost : IAsyncDisposable
{
    private ExtraHost(StandaloneApp app, Dictionary<string, string?> settings, string apiKey)
    {
        App = app;
        Settings = settings;
        Http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Http.DefaultRequestHeaders.Add("X-API-Key", apiKey);
        Jobs = new JobApi(Http);
    }

    /// <summary>The running host.</summary>
    public StandaloneApp App { get; }

    /// <summary>The settings it runs with.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>A client for it that sends the fixture's ordinary API key.</summary>
    public HttpClient Http { get; }

    /// <summary>The download routes through <see cref="Http"/>.</summary>
    public JobApi Jobs { get; }

    /// <summary>Starts a host with the fixture's settings, a work root of its own named <paramref name="name"/>, and <paramref name="overrides"/>.</summary>
    public static async Task<ExtraHost> StartAsync(
        ServiceFixture service, string name, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        Dictionary<string, string?> settings = service.Settings(Path.Combine(service.WorkRoot, name));
        foreach ((string key, string? value) in overrides ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                settings.Remove(key);
            }
            else
            {
                settings[key] = value;
            }
        }

        StandaloneApp app = await StandaloneApp.StartAsync([], b => b.Configuration.AddInMemoryCollection(settings));
        return new ExtraHost(app, settings, service.ApiKey);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
    }
}
