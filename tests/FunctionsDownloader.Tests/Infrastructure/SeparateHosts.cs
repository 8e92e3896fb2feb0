using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FunctionsDownloader.Standalone;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace FunctionsDownloader.Tests.Infrastructure;

/// <summary>
/// Standalone hosts on the fixture's Azurite that keep to tables, containers and a task hub of their
/// own (shared by the hosts started with the same settings), so that what they store and count is
/// theirs alone and other tests never meet it.
/// They know the admin key only; <see cref="CreateKeyAsync"/> makes ordinary ones, and <see cref="JobApi"/>
/// drives their download routes.
/// </summary>
public static class SeparateHosts
{
    /// <summary>Settings for hosts that share storage with each other and with nothing else.</summary>
    public static Dictionary<string, string?> Settings(ServiceFixture service, string name)
    {
        string id = Guid.NewGuid().ToString("N")[..10];
        Dictionary<string, string?> settings = service.Settings(Path.Combine(service.WorkRoot, name + "-" + id));
        settings["Downloader:TablePrefix"] = "t" + id;
        settings["DurableTask:HubName"] = "hub" + id;
        settings["Downloader:ResultsContainer"] = "results-" + id;
        settings["Downloader:CookiesContainer"] = "cookies-" + id;
        return settings;
    }

    /// <summary>Starts a host with <paramref name="settings"/>.</summary>
    public static Task<StandaloneApp> StartAsync(
        Dictionary<string, string?> settings,
        Action<WebApplicationBuilder>? configure = null) =>
        StandaloneApp.StartAsync([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            configure?.Invoke(builder);
        });

    /// <summary>A client of <paramref name="host"/> that sends <paramref name="apiKey"/>.</summary>
    public static HttpClient Client(StandaloneApp host, string apiKey)
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-API-Key", apiKey);
        return client;
    }

    /// <summary>Creates an ordinary key through <paramref name="admin"/>, a client sending the admin key.</summary>
    public static async Task<string> CreateKeyAsync(HttpClient admin)
    {
        using HttpResponseMessage response =
            await admin.PostAsJsonAsync("/api/v1/auth/keys", new { name = "separate" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using JsonDocument created = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return created.RootElement.GetProperty("api_key").GetString()!;
    }
}
