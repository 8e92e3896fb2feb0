using System.Text.Json;
using FunctionsDownloader.Configuration;
using FunctionsDownloader.Downloads;
using FunctionsDownloader.Media;
using FunctionsDownloader.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace FunctionsDownloader.Tests.Security;

/// <summary>yt-dlp cannot be steered by planted configuration or by URLs that look like options.</summary>
[Collection(ServiceGroup.Name)]
public sealed class YtDlpHardeningTests(ServiceFixture service)
{
    [Fact(Timeout = 120_000)]
    public async Task Planted_configuration_with_exec_in_the_working_directory_and_home_is_ignored()
    {
        // Arrange: --exec in every configuration file yt-dlp would read without --ignore-config.
        string marker = Path.Combine(Path.GetTempPath(), "fd-pwned-" + Guid.NewGuid().ToString("N"));
        string exec = $"--exec \"touch {marker}\"\n";
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string[] planted =
        [
            Path.Combine(service.WorkRoot, "yt-dlp.conf"),
            Path.Combine(home, "yt-dlp.conf"),
            Path.Combine(home, ".config", "yt-dlp", "config"),
            Path.Combine(home, ".config", "yt-dlp.conf"),
        ];
        string[] created = [.. planted.Where(p => !File.Exists(p))];
        try
        {
            foreach (string path in created)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllTextAsync(path, exec);
            }

            // Act
            string requestId = await service.CreateDownloadAsync(service.Site.DirectMp4);
            JsonElement job = await service.WaitForFinishAsync(requestId);
            using HttpResponseMessage optionUrl = await service.PostJsonAsync(
                "/api/v1/download", JsonSerializer.Serialize(new { url = $"--exec=touch {marker}" }));

            // Assert
            Assert.Equal("completed", job.GetProperty("status").GetString());
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, optionUrl.StatusCode);
            Assert.False(File.Exists(marker), "a planted --exec ran");
        }
        finally
        {
            foreach (string path in created)
            {
                File.Delete(path);
            }

            File.Delete(marker);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task A_configuration_file_in_the_download_directory_is_ignored()
    {
        // Arrange
        string workDir = Directory.CreateTempSubdirectory("fd-hardening-").FullName;
        string marker = Path.Combine(Path.GetTempPath(), "fd-pwned-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(Path.Combine(workDir, "yt-dlp.conf"), $"--exec \"touch {marker}\"\n-o /tmp/fd-escaped.%(ext)s\n");
        IOptions<DownloaderOptions> options = Options.Create(new DownloaderOptions());
        var tools = new ToolLocator(options);
        var ytDlp = new YtDlp(tools, new YtDlpCapabilities(tools), options);
        FormatPlan plan = FormatPlan.For(new DownloadOptions());

        try
        {
            // Act
            string file = await ytDlp.DownloadAsync(
                service.Site.DirectMp4,
                plan,
                workDir,
                new ProgressTracker([]),
                (_, _) => { },
                cookiesPath: null,
                CancellationToken.None);

            // Assert
            Assert.Equal(workDir, Path.GetDirectoryName(file));
            Assert.False(File.Exists(marker), "a planted --exec ran");
            Assert.False(File.Exists("/tmp/fd-escaped.mp4"), "a planted -o was honoured");
        }
        finally
        {
            Directory.Delete(workDir, recursive: true);
            File.Delete(marker);
        }
    }
}
