using System.Text.Json.Nodes;
using FunctionsDownloader.Configuration;
using FunctionsDownloader.Security;
using FunctionsDownloader.Testing;
using NCrontab;

namespace FunctionsDownloader.Tests.Deployment;

/// <summary>
/// The azd side of the deployment: azure.yaml, the parameters azd fills, the outputs it keeps, and the
/// service settings the template writes under the names the app reads.
/// </summary>
public sealed class AzdProjectTests(CompiledTemplate compiled) : IClassFixture<CompiledTemplate>
{
    private ArmTemplate Main => compiled.Main;

    [Fact]
    public void The_service_settings_are_set_under_the_names_the_options_bind_and_the_timer_reads()
    {
        // Arrange
        JsonObject settings = Main.ModuleParameter("functionApp", "appSettings")!.AsObject();
        string schedule = (string)Main.Parameters["cleanupSchedule"]!["defaultValue"]!;
        string[] categories =
            [nameof(RateLimitOptions.Download), nameof(RateLimitOptions.Playlist), nameof(RateLimitOptions.Batch)];
        string[] windows = [nameof(RateLimitWindow.PerSecond), nameof(RateLimitWindow.PerMinute)];
        string[] rateLimitNames =
        [
            .. categories.SelectMany(c => windows.Select(w => $"{RateLimitOptions.SectionName}__{c}__{w}")),
        ];

        // Act
        string Downloader(string name) => (string)settings[$"{DownloaderOptions.SectionName}__{name}"]!;
        string Auth(string name) => (string)settings[$"{AuthOptions.SectionName}__{name}"]!;

        // Assert
        Assert.Equal("[parameters('cleanupSchedule')]", Downloader(nameof(DownloaderOptions.CleanupSchedule)));
        Assert.NotNull(CrontabSchedule.TryParse(schedule, new() { IncludingSeconds = true }));
        Assert.Equal("[string(parameters('retentionHours'))]", Downloader(nameof(DownloaderOptions.RetentionHours)));
        Assert.Equal("[variables('resultsContainerName')]", Downloader(nameof(DownloaderOptions.ResultsContainer)));
        Assert.Equal(AuthOptions.KeysMode, Auth(nameof(AuthOptions.Mode)));
        Assert.StartsWith(
            "[format('@Microsoft.KeyVault(SecretUri={0})'",
            Auth(nameof(AuthOptions.AdminKey)),
            StringComparison.Ordinal);
        Assert.All(rateLimitNames, name => Assert.True(settings.ContainsKey(name), $"{name} is not set"));
    }

    [Fact]
    public void The_admin_key_lives_only_in_Key_Vault_which_uses_RBAC()
    {
        // Arrange
        ArmTemplate keyVault = Main.Module("keyVault");

        // Act
        JsonObject vault = keyVault.OfType("Microsoft.KeyVault/vaults").Single();
        JsonObject adminKey = Main.Parameters["adminKey"]!.AsObject();

        // Assert
        Assert.True((bool)vault["properties"]!["enableRbacAuthorization"]!);
        Assert.Equal("securestring", (string?)adminKey["type"]);
        Assert.False(adminKey.ContainsKey("defaultValue"));
        Assert.Equal("securestring", (string?)keyVault.Parameters["adminKey"]!["type"]);
        Assert.DoesNotContain(
            Main.Outputs, o => o.Value!.ToJsonString().Contains("parameters('adminKey')", StringComparison.Ordinal));
    }

    [Fact]
    public void Outputs_are_upper_snake_case_for_azd()
    {
        // Act
        string[] names = [.. Main.Outputs.Select(o => o.Key)];

        // Assert
        Assert.Contains("SERVICE_API_NAME", names);
        Assert.Contains("AZURE_KEY_VAULT_NAME", names);
        Assert.All(names, name => Assert.Matches("^[A-Z][A-Z0-9_]*$", name));
    }

    [Fact]
    public void The_azd_parameters_file_fills_every_required_parameter_from_the_environment()
    {
        // Arrange
        JsonObject file = JsonNode.Parse(File.ReadAllText(RepositoryPaths.Combine("infra", "main.parameters.json")))!
            ["parameters"]!.AsObject();

        // Act
        string Value(string name) => (string)file[name]!["value"]!;
        string[] required =
            [.. Main.Parameters.Where(p => !p.Value!.AsObject().ContainsKey("defaultValue")).Select(p => p.Key)];

        // Assert
        Assert.All(file, p => Assert.True(Main.Parameters.ContainsKey(p.Key), $"main.bicep has no '{p.Key}'"));
        Assert.All(required, name => Assert.True(file.ContainsKey(name), $"required '{name}' is not filled"));
        Assert.Equal("${AZURE_ENV_NAME}", Value("environmentName"));
        Assert.Equal("${AZURE_LOCATION}", Value("location"));
        Assert.Equal("${AZURE_PRINCIPAL_ID}", Value("principalId"));
        Assert.Equal("$(secretOrRandomPassword ${AZURE_KEY_VAULT_NAME} admin-key)", Value("adminKey"));
        Assert.Equal("'admin-key'", Main.Expand("variables('adminKeySecretName')").Single());
    }

    [Fact]
    public void Azd_deploys_the_Functions_project_after_bundling_the_tools()
    {
        // Arrange
        string[] lines = File.ReadAllLines(RepositoryPaths.Combine("azure.yaml"));

        // Act
        string[] trimmed = [.. lines.Select(l => l.Trim())];

        // Assert
        Assert.Contains("api:", trimmed);
        Assert.Contains("project: ./src/FunctionsDownloader", trimmed);
        Assert.Contains("language: dotnet", trimmed);
        Assert.Contains("host: function", trimmed);
        Assert.Contains("prepackage:", trimmed);
        Assert.Contains(
            trimmed,
            l => l.StartsWith("run:", StringComparison.Ordinal)
                && l.Contains("infra/scripts/bundle-tools.sh", StringComparison.Ordinal));
        Assert.True(File.Exists(RepositoryPaths.Combine("src", "FunctionsDownloader", "FunctionsDownloader.csproj")));
    }
}
