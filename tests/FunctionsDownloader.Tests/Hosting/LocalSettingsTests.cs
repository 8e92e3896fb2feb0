using System.Text.Json;
using FunctionsDownloader.Configuration;
using FunctionsDownloader.Testing;
using FunctionsDownloader.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace FunctionsDownloader.Tests.Hosting;

/// <summary><c>local.settings.sample.json</c> holds what <c>func start</c> needs.</summary>
public sealed class LocalSettingsTests
{
    [Fact]
    public void The_sample_local_settings_hold_what_func_start_needs()
    {
        // Arrange
        using JsonDocument sample = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("local.settings.sample.json")));

        // Act
        JsonElement values = sample.RootElement.GetProperty("Values");

        // Assert
        Assert.False(sample.RootElement.GetProperty("IsEncrypted").GetBoolean());
        Assert.Equal("dotnet-isolated", values.GetProperty("FUNCTIONS_WORKER_RUNTIME").GetString());
        Assert.Equal("UseDevelopmentStorage=true", values.GetProperty("AzureWebJobsStorage").GetString());
        Assert.Equal("24", values.GetProperty("Downloader__RetentionHours").GetString());
        Assert.Equal("0 */15 * * * *", values.GetProperty("Downloader__CleanupSchedule").GetString());
        Assert.Contains("127.0.0.1", values.GetProperty("Downloader__AllowPrivateHosts").GetString(), StringComparison.Ordinal);
        Assert.True(values.TryGetProperty("Auth__Mode", out _));
        Assert.True(values.TryGetProperty("Auth__AdminKey", out _));
        Assert.All(values.EnumerateObject(), v => Assert.Equal(JsonValueKind.String, v.Value.ValueKind));
    }

    [Fact]
    public void The_sample_settings_bind_to_the_service_options_the_way_the_Functions_host_reads_them()
    {
        // Arrange: the Functions host turns "__" into sections, as environment variables do.
        using JsonDocument sample = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("local.settings.sample.json")));
        Dictionary<string, string?> settings = sample.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name.Replace("__", ":", StringComparison.Ordinal), p => p.Value.GetString());

        // Act
        DownloaderOptions options = new ConfigurationBuilder().AddInMemoryCollection(settings).Build()
            .GetSection(DownloaderOptions.SectionName).Get<DownloaderOptions>()!;

        // Assert
        Assert.Equal(24, options.RetentionHours);
        Assert.Equal("0 */15 * * * *", options.CleanupSchedule);
        Assert.Equal("results", options.ResultsContainer);
    }

    [Fact]
    public void The_Functions_app_links_the_root_host_json_and_copies_local_settings()
    {
        // Arrange
        string project = File.ReadAllText(RepositoryPaths.Combine("src", "FunctionsDownloader", "FunctionsDownloader.csproj"));
        string built = Path.Combine(BuildOutput.FunctionsAppDirectory, "host.json");

        // Assert
        Assert.Contains(@"..\..\host.json", project, StringComparison.Ordinal);
        Assert.True(File.Exists(built), $"host.json was not copied to {built}");
        Assert.Equal(File.ReadAllText(RepositoryPaths.Combine("host.json")), File.ReadAllText(built));
    }
}
