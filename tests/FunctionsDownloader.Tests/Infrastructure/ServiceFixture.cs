using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using FunctionsDownloader.MediaSite;
using FunctionsDownloader.Standalone;
using FunctionsDownloader.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace FunctionsDownloader.Tests.Infrastructure;

/// <summary>
/// One Azurite, one local media site and one Standalone host (on a free port, over real HTTP)
/// shared by the end-to-end tests of a run.
/// </summary>
public sealed class ServiceFixture : IAsyncLifetime
{
    public AzuriteServer Azurite { get; private set; } = null!;
    public LocalMediaSite Site { get; private set; } = null!;
    public StandaloneApp Host { get; private set; } = null!;
    /// <summary>The loopback address the media site listens on.</summary>
    public static System.Net.IPAddress SiteAddress { get; } = System.Net.IPAddress.Parse("127.0.0.2");

    /// <summary>A client that sends an ordinary API key (made by the admin key at start).</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>A client that sends the admin key.</summary>
    public HttpClient AdminHttp { get; private set; } = null!;

    /// <summary>The admin key the host runs with.</summary>
    public string AdminKey { get; } = "test-admin-" + Guid.NewGuid().ToString("N");

    /// <summary>The ordinary key <see cref="Http"/> sends.</summary>
    public string ApiKey { get; private set; } = "";

    /// <summary>The webhook secret of <see cref="ApiKey"/>: webhooks of its jobs are signed with it.</summary>
    public string WebhookSecret { get; private set; } = "";

    /// <summary>The configured webhook secret (<c>Webhooks:Secret</c>) that signs the admin key's webhooks.</summary>
    public string AdminWebhookSecret { get; } = "whsec_admin_" + Guid.NewGuid().ToString("N");
    public string WorkRoot { get; } = Path.Combine(Path.GetTempPath(), "fd-tests-work-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The blob container results are stored in.</summary>
    public BlobContainerClient Results => new BlobServiceClient(Azurite.ConnectionString).GetBlobContainerClient("results");

    /// <summary>The jobs table.</summary>
    public TableClient JobsTable => new TableServiceClient(Azurite.ConnectionString).GetTableClient("fdjobs");

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteServer.StartAsync();
        // The site listens on 127.0.0.2, the only private address the host is told to allow, so
        // that every other loopback form (127.0.0.1, localhost, 2130706433, [::1]) stays blocked.
        Site = await LocalMediaSite.StartAsync(new LocalMediaSiteOptions { ListenAddress = SiteAddress });
        Host = await StandaloneApp.StartAsync([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(Settings(WorkRoot));
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        // Tests list the results container before any job has stored a file.
        await Results.CreateIfNotExistsAsync();
        AdminHttp = NewClient(AdminKey);
        (ApiKey, WebhookSecret) = await CreateApiKeyWithSecretAsync("tests");
        Http = NewClient(ApiKey);
    }

    /// <summary>An HTTP client for the host that sends <paramref name="apiKey"/> (none when null).</summary>
    public HttpClient NewClient(string? apiKey)
    {
        var client = new HttpClient { BaseAddress = Host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-API-Key", apiKey);
        }

        return client;
    }

    /// <summary>Creates an ordinary API key with the admin key and returns it.</summary>
    public async Task<string> CreateApiKeyAsync(string name) => (await CreateApiKeyWithSecretAsync(name)).ApiKey;

    /// <summary>Creates an ordinary API key with the admin key and returns it with its webhook secret.</summary>
    public async Task<(string ApiKey, string WebhookSecret)> CreateApiKeyWithSecretAsync(string name)
    {
        using HttpResponseMessage response = await AdminHttp.PostAsJsonAsync("/api/v1/auth/keys", new { name });
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"creating a key answered {(int)response.StatusCode}: {text}");
        using JsonDocument json = JsonDocument.Parse(text);
        JsonElement created = json.RootElement;
        return (created.GetProperty("api_key").GetString()!, created.GetProperty("webhook_secret").GetString()!);
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        AdminHttp?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        if (Site is not null)
        {
            await Site.DisposeAsync();
        }

        if (Azurite is not null)
        {
            await Azurite.DisposeAsync();
        }

        if (Directory.Exists(WorkRoot))
        {
            Directory.Delete(WorkRoot, recursive: true);
        }
    }

    /// <summary>The settings a test host runs with: keys on, limits high enough not to get in the way.</summary>
    public Dictionary<string, string?> Settings(string workRoot) => new()
    {
        ["urls"] = "http://127.0.0.1:0",
        ["AzureWebJobsStorage"] = Azurite.ConnectionString,
        ["Auth:Mode"] = "keys",
        ["Auth:AdminKey"] = AdminKey,
        ["RateLimits:Download:PerSecond"] = "1000",
        ["RateLimits:Download:PerMinute"] = "10000",
        ["RateLimits:Playlist:PerSecond"] = "1000",
        ["RateLimits:Playlist:PerMinute"] = "10000",
        ["RateLimits:Batch:PerSecond"] = "1000",
        ["RateLimits:Batch:PerMinute"] = "10000",
        ["Downloader:AllowPrivateHosts"] = SiteAddress.ToString(),
        ["Downloader:WorkRoot"] = workRoot,
        ["Downloader:ProgressIntervalMilliseconds"] = "500",
        ["Webhooks:Secret"] = AdminWebhookSecret,
        ["DurableTask:HubName"] = "tests" + Guid.NewGuid().ToString("N")[..10],
        ["DurableTask:MaxQueuePollingIntervalMilliseconds"] = "500",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:DurableTask.AzureStorage"] = "Error",
    };

    /// <summary>Posts a JSON body (given as raw text) to <paramref name="path"/>.</summary>
    public Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>The download routes through <see cref="Http"/>.</summary>
    public JobApi Jobs => new(Http);

    /// <inheritdoc cref="JobApi.CreateDownloadAsync"/>
    public Task<string> CreateDownloadAsync(Uri url, object? extra = null) => Jobs.CreateDownloadAsync(url, extra);

    /// <inheritdoc cref="JobApi.GetJobAsync"/>
    public Task<JsonElement> GetJobAsync(string requestId) => Jobs.GetJobAsync(requestId);

    /// <inheritdoc cref="JobApi.WaitForJobAsync"/>
    public Task<JsonElement> WaitForJobAsync(string requestId, Func<JsonElement, bool> done, TimeSpan timeout) =>
        Jobs.WaitForJobAsync(requestId, done, timeout);

    /// <inheritdoc cref="JobApi.WaitForFinishAsync"/>
    public Task<JsonElement> WaitForFinishAsync(string requestId, TimeSpan? timeout = null) =>
        Jobs.WaitForFinishAsync(requestId, timeout);

    /// <summary>
    /// GETs <paramref name="path"/> with <paramref name="client"/> (<see cref="Http"/> by default) and reads
    /// the JSON answer.
    /// </summary>
    public async Task<(System.Net.HttpStatusCode Status, JsonElement Body, string? ContentType)> GetJsonAsync(
        string path, HttpClient? client = null)
    {
        using HttpResponseMessage response = await (client ?? Http).GetAsync(path);
        string text = await response.Content.ReadAsStringAsync();
        JsonElement body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, body, response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Uploads a cookies file with the media site's session cookie (for <see cref="Http"/>); its id.</summary>
    public Task<string> UploadSiteCookiesAsync()
    {
        string line = Cookies.CookiesSamples.Line(
            Site.PrivateCookieDomain, Site.PrivateCookieName, Site.PrivateCookieValue, 0);
        return Cookies.CookiesVaultTests.UploadAsync(Http, Cookies.CookiesSamples.Text(line));
    }

    /// <summary>The messages of a job's log, oldest first.</summary>
    public async Task<string[]> LogMessagesAsync(string requestId)
    {
        (_, JsonElement logs, _) = await GetJsonAsync($"/api/v1/download/{requestId}/logs");
        return [.. logs.GetProperty("logs").EnumerateArray().Select(l => l.GetProperty("message").GetString()!)];
    }

    /// <summary>The ids of every job in the jobs table.</summary>
    public async Task<HashSet<string>> JobIdsAsync()
    {
        TableClient table = JobsTable;
        await table.CreateIfNotExistsAsync();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (TableEntity row in table.QueryAsync<TableEntity>(select: ["PartitionKey"]))
        {
            ids.Add(row.PartitionKey);
        }

        return ids;
    }

    /// <summary>How many jobs the jobs table holds.</summary>
    public async Task<int> CountJobsAsync()
    {
        TableClient table = JobsTable;
        await table.CreateIfNotExistsAsync();
        int count = 0;
        await foreach (TableEntity _ in table.QueryAsync<TableEntity>(select: ["PartitionKey"]))
        {
            count++;
        }

        return count;
    }
}
