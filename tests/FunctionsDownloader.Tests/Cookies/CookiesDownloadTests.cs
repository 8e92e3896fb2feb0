using System.Globalization;
using System.Runtime.Versioning;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using FunctionsDownloader.Cookies;
using FunctionsDownloader.Downloads;
using FunctionsDownloader.Jobs;
using FunctionsDownloader.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static FunctionsDownloader.Tests.Cookies.CookiesSamples;

namespace FunctionsDownloader.Tests.Cookies;

/// <summary>
/// Downloads with a cookies file, end to end against the media site's members-only page: the
/// cookie gets the video, and afterwards its value is nowhere the service keeps things.
/// </summary>
[Collection(ServiceGroup.Name)]
public sealed class CookiesDownloadTests(ServiceFixture service)
{
    private const string OtherSecret = "another-secret-cookie-0099";

    [Fact(Timeout = 180_000)]
    public async Task A_members_only_page_downloads_with_cookies_and_leaves_the_value_nowhere()
    {
        // Arrange
        string cookiesId = await CookiesVaultTests.UploadAsync(service.Http, SiteCookies());
        string secret = service.Site.PrivateCookieValue;

        // Act
        string requestId = await service.CreateDownloadAsync(service.Site.PrivatePage, new { cookies_id = cookiesId });
        JsonElement job = await service.WaitForFinishAsync(requestId);

        // Assert
        Assert.True(job.GetProperty("status").GetString() == "completed", $"job did not complete: {job}");
        (Ffprobe.Result probe, long length, HttpResponseMessage file) =
            await Ffprobe.DownloadAndProbeAsync(new Uri(job.GetProperty("file_url").GetString()!));
        file.Dispose();
        Assert.Equal(job.GetProperty("file_size").GetInt64(), length);
        Assert.Equal(1, probe.Count("video"));
        Assert.Equal(1, probe.Count("audio"));
        double seconds = service.Site.PrivatePageDuration.TotalSeconds;
        Assert.InRange(probe.Duration, seconds - 0.5, seconds + 0.5);

        string logs = await LogsAsync(requestId);
        Assert.Contains($"Using cookies file {cookiesId}", logs, StringComparison.Ordinal);
        foreach (string value in new[] { secret, OtherSecret })
        {
            Assert.DoesNotContain(value, job.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(value, logs, StringComparison.Ordinal);
            Assert.Empty(await TableRowsContainingAsync(value));
            Assert.Empty(await BlobsContainingAsync(value));
            Assert.Empty(WorkFilesContaining(value));
        }

        Assert.False(Directory.Exists(Path.Combine(service.WorkRoot, requestId)));
        Assert.False(Directory.Exists(Path.Combine(service.WorkRoot, requestId + "-resolve")));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_members_only_page_without_cookies_fails_as_unavailable_or_login_required()
    {
        // Act
        string requestId = await service.CreateDownloadAsync(service.Site.PrivatePage);
        JsonElement job = await service.WaitForFinishAsync(requestId);

        // Assert
        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Contains(job.GetProperty("error_code").GetString(), new[] { "login_required", "unavailable" });
        Assert.False(job.TryGetProperty("file_url", out _));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_job_whose_cookies_file_was_deleted_after_submission_fails_with_login_required()
    {
        // Arrange
        string cookiesId = await CookiesVaultTests.UploadAsync(service.Http, SiteCookies());
        using (HttpResponseMessage deleted = await service.Http.DeleteAsync($"/api/v1/auth/cookies/{cookiesId}"))
        {
            Assert.Equal(System.Net.HttpStatusCode.NoContent, deleted.StatusCode);
        }

        // The job is written as the handler would have written it before the file went away; the
        // activities run directly, so no orchestration races the deletion.
        IServiceProvider services = service.Host.App.Services;
        string requestId = RequestIds.New();
        await services.GetRequiredService<JobStore>().CreateAsync(
            new JobRecord
            {
                RequestId = requestId,
                Owner = "tests",
                Url = service.Site.PrivatePage.AbsoluteUri,
                OptionsJson = JsonSerializer.Serialize(new DownloadOptions { CookiesId = cookiesId }),
                CreatedAt = DateTimeOffset.UtcNow,
            },
            CancellationToken.None);

        // Act
        ResolveOutcome resolved = await services.GetRequiredService<ResolveMediaActivity>()
            .ExecuteAsync(requestId, CancellationToken.None);
        StepOutcome downloaded = await services.GetRequiredService<DownloadMediaActivity>()
            .ExecuteAsync(new DownloadMediaInput(requestId, []), CancellationToken.None);

        // Assert
        Assert.Equal(ErrorCodes.LoginRequired, resolved.Outcome.ErrorCode);
        Assert.Equal(ErrorCodes.LoginRequired, downloaded.ErrorCode);
        Assert.Contains(cookiesId, resolved.Outcome.Error, StringComparison.Ordinal);
        Assert.Contains("deleted", resolved.Outcome.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(service.WorkRoot, requestId)));
    }

    [Fact(Timeout = 60_000)]
    [UnsupportedOSPlatform("windows")]
    public async Task A_jobs_copy_is_readable_by_its_owner_only_redacted_from_its_log_and_deleted_when_done()
    {
        // Arrange
        string cookiesId = await CookiesVaultTests.UploadAsync(service.Http, SiteCookies());
        IServiceProvider services = service.Host.App.Services;
        var log = new JobLogWriter(services.GetRequiredService<JobLogStore>(), TimeProvider.System, RequestIds.New());
        string directory = Directory.CreateTempSubdirectory("fd-cookies-copy-").FullName;

        try
        {
            // Act
            CookiesCopy copy = await services.GetRequiredService<CookiesStore>()
                .CopyForJobAsync(cookiesId, directory, log, CancellationToken.None);
            UnixFileMode mode = File.GetUnixFileMode(copy.Path);
            string text = await File.ReadAllTextAsync(copy.Path);
            copy.Dispose();

            // Assert
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
            Assert.StartsWith(Header + "\n", text, StringComparison.Ordinal);
            Assert.Contains(service.Site.PrivateCookieValue, text, StringComparison.Ordinal);
            string secret = service.Site.PrivateCookieValue;
            Assert.Equal("yt-dlp said [cookie] and [cookie]", log.Scrub($"yt-dlp said {secret} and {OtherSecret}"));
            Assert.False(File.Exists(copy.Path));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A cookies file with the media site's session cookie and one for another site.</summary>
    private string SiteCookies() => Text(
        Header,
        Line(service.Site.PrivateCookieDomain, service.Site.PrivateCookieName, service.Site.PrivateCookieValue, 0),
        "#HttpOnly_" + Line(".example.com", "other", OtherSecret));

    private async Task<string> LogsAsync(string requestId)
    {
        using HttpResponseMessage response = await service.Http.GetAsync($"/api/v1/download/{requestId}/logs");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Rows holding <paramref name="value"/> in every table of the account, the task hub's too.</summary>
    private async Task<List<string>> TableRowsContainingAsync(string value)
    {
        var found = new List<string>();
        var tables = new TableServiceClient(service.Azurite.ConnectionString);
        int tableCount = 0;
        await foreach (TableItem table in tables.QueryAsync())
        {
            tableCount++;
            await foreach (TableEntity row in tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                string text = string.Join('\n', row.Select(kv => kv.Value is byte[] bytes
                    ? Encoding.UTF8.GetString(bytes)
                    : Convert.ToString(kv.Value, CultureInfo.InvariantCulture)));
                if (text.Contains(value, StringComparison.Ordinal))
                {
                    found.Add($"{table.Name}/{row.PartitionKey}/{row.RowKey}");
                }
            }
        }

        Assert.True(tableCount >= 4, $"expected the service's and the task hub's tables, found {tableCount}");
        return found;
    }

    /// <summary>Blobs holding <paramref name="value"/>, outside the cookies container.</summary>
    private async Task<List<string>> BlobsContainingAsync(string value)
    {
        var found = new List<string>();
        var blobs = new BlobServiceClient(service.Azurite.ConnectionString);
        await foreach (BlobContainerItem container in blobs.GetBlobContainersAsync())
        {
            if (container.Name == "cookies")
            {
                continue;
            }

            BlobContainerClient client = blobs.GetBlobContainerClient(container.Name);
            await foreach (BlobItem blob in client.GetBlobsAsync())
            {
                if (blob.Properties.ContentLength is > 16 * 1024 * 1024)
                {
                    continue;
                }

                BinaryData content = (await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content;
                if (content.ToMemory().Span.IndexOf(Encoding.UTF8.GetBytes(value)) >= 0)
                {
                    found.Add($"{container.Name}/{blob.Name}");
                }
            }
        }

        return found;
    }

    private string[] WorkFilesContaining(string value) =>
        Directory.Exists(service.WorkRoot)
            ? [.. Directory.EnumerateFiles(service.WorkRoot, "*", SearchOption.AllDirectories)
                .Where(f => File.ReadAllText(f).Contains(value, StringComparison.Ordinal))]
            : [];
}
