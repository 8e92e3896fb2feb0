using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FunctionsDownloader.Testing;

namespace FunctionsDownloader.Tests.Deployment;

/// <summary>
/// infra/main.bicep, compiled to ARM JSON: what it creates in Azure is locked down the way the
/// README promises (no keys, TLS 1.2, Flex Consumption, the roles the service needs).
/// </summary>
public sealed partial class InfrastructureTemplateTests(CompiledTemplate compiled) : IClassFixture<CompiledTemplate>
{
    // Built-in role definition ids.
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";

    private ArmTemplate Main => compiled.Main;

    private string? Passed(string module, string parameter) => (string?)Main.ModuleParameter(module, parameter);

    [Fact(Timeout = 300_000)]
    public async Task Every_bicep_file_lints_without_a_warning()
    {
        // Arrange
        string[] files = Directory.GetFiles(RepositoryPaths.Combine("infra"), "*.bicep", SearchOption.AllDirectories);

        // Act
        var findings = new List<string>();
        foreach (string file in files)
        {
            var lint = await Shell.RunAsync(compiled.BicepPath, ["lint", file]);
            if (lint.ExitCode != 0 || (lint.StandardOutput + lint.StandardError).Trim().Length > 0)
            {
                findings.Add($"{Path.GetFileName(file)}: {lint.StandardOutput}{lint.StandardError}");
            }
        }

        // Assert
        Assert.Contains(files, f => f.EndsWith("main.bicep", StringComparison.Ordinal));
        Assert.True(files.Length >= 7, "expected main.bicep plus one module per concern");
        Assert.Empty(findings);
    }

    [Fact]
    public void The_storage_account_refuses_shared_keys_old_TLS_plain_HTTP_and_public_blobs()
    {
        // Act
        JsonObject account = Main.Module("storage").OfType("Microsoft.Storage/storageAccounts").Single();
        JsonObject properties = account["properties"]!.AsObject();

        // Assert
        Assert.False((bool)properties["allowSharedKeyAccess"]!);
        Assert.Equal("TLS1_2", (string?)properties["minimumTlsVersion"]);
        Assert.True((bool)properties["supportsHttpsTrafficOnly"]!);
        Assert.False((bool)properties["allowBlobPublicAccess"]!);
        Assert.True((bool)properties["defaultToOAuthAuthentication"]!);
    }

    [Fact]
    public void The_storage_account_has_the_results_cookies_and_deployment_containers_all_private()
    {
        // Arrange
        ArmTemplate storage = Main.Module("storage");

        // Act
        JsonObject[] containers = [.. storage.OfType("Microsoft.Storage/storageAccounts/blobServices/containers")];
        string[] names = [.. new[] { "resultsContainerName", "cookiesContainerName", "deploymentContainerName" }
            .Select(p => Main.Expand((string)Main.ModuleParameter("storage", p)!).Single())];

        // Assert
        Assert.Equal(["['results']", "['cookies']", "['app-package']"], names);
        Assert.Equal(3, containers.Length);
        Assert.All(containers, c => Assert.Equal("None", (string?)c["properties"]!["publicAccess"]));
    }

    [Theory]
    [InlineData(24, 2)]
    [InlineData(1, 2)]
    [InlineData(25, 3)]
    [InlineData(48, 3)]
    [InlineData(168, 8)]
    public void The_lifecycle_rule_deletes_results_a_day_after_the_retention(int retentionHours, int expectedDays)
    {
        // Arrange
        ArmTemplate storage = Main.Module("storage");
        JsonObject rule = storage.OfType("Microsoft.Storage/storageAccounts/managementPolicies").Single()
            ["properties"]!["policy"]!["rules"]!.AsArray().Single()!.AsObject();
        JsonNode definition = rule["definition"]!;

        // Act
        string daysExpression = Main.Expand(Passed("storage", "resultsDeleteAfterDays")!).Single();
        int days = ArmTemplate.EvaluateInteger(
            daysExpression, new Dictionary<string, int> { ["retentionHours"] = retentionHours });

        // Assert
        Assert.True((bool)rule["enabled"]!);
        Assert.Equal(
            "[format('{0}/', parameters('resultsContainerName'))]",
            (string?)definition["filters"]!["prefixMatch"]![0]);
        Assert.Equal(
            "[parameters('resultsDeleteAfterDays')]",
            (string?)definition["actions"]!["baseBlob"]!["delete"]!["daysAfterModificationGreaterThan"]);
        Assert.Equal(expectedDays, days);
        Assert.True(days * 24 >= retentionHours + 24, "the rule deletes a file before its deletion_time plus a day");
    }

    [Fact]
    public void The_function_app_runs_dotnet_isolated_10_on_Flex_Consumption_over_HTTPS_only()
    {
        // Arrange
        ArmTemplate functionApp = Main.Module("functionApp");

        // Act
        JsonObject plan = functionApp.OfType("Microsoft.Web/serverfarms").Single();
        JsonObject site = functionApp.OfType("Microsoft.Web/sites").Single();
        JsonNode config = site["properties"]!["functionAppConfig"]!;
        JsonObject memory = Main.Parameters["instanceMemoryMB"]!.AsObject();

        // Assert
        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);
        Assert.True((bool)plan["properties"]!["reserved"]!, "a Flex Consumption plan is Linux (reserved)");
        Assert.Equal("functionapp,linux", (string?)site["kind"]);
        Assert.True((bool)site["properties"]!["httpsOnly"]!);
        Assert.Equal("1.2", (string?)site["properties"]!["siteConfig"]!["minTlsVersion"]);
        Assert.Equal("dotnet-isolated", (string?)config["runtime"]!["name"]);
        Assert.Equal("10.0", (string?)config["runtime"]!["version"]);
        Assert.Equal("[parameters('instanceMemoryMB')]", (string?)config["scaleAndConcurrency"]!["instanceMemoryMB"]);
        Assert.Equal(4096, (int)memory["defaultValue"]!);
        Assert.All(memory["allowedValues"]!.AsArray(), v => Assert.True((int)v! >= 2048, "ffmpeg needs at least 2 GB"));
    }

    [Fact]
    public void The_function_app_runs_as_the_user_assigned_identity_and_deploys_with_it()
    {
        // Arrange
        JsonObject site = Main.Module("functionApp").OfType("Microsoft.Web/sites").Single();

        // Act
        JsonObject identity = site["identity"]!.AsObject();
        JsonNode deployment = site["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!;

        // Assert
        Assert.Equal("UserAssigned", (string?)identity["type"]);
        Assert.Contains(
            "parameters('identityId')",
            identity["userAssignedIdentities"]!.AsObject().Single().Key,
            StringComparison.Ordinal);
        Assert.Equal("blobContainer", (string?)deployment["type"]);
        Assert.Equal("UserAssignedIdentity", (string?)deployment["authentication"]!["type"]);
        Assert.Equal(
            "[parameters('identityId')]", (string?)deployment["authentication"]!["userAssignedIdentityResourceId"]);
        Assert.Equal("[parameters('identityId')]", (string?)site["properties"]!["keyVaultReferenceIdentity"]);
        Assert.Equal("[reference('identity').outputs.id.value]", Passed("functionApp", "identityId"));
        Assert.Equal("[reference('identity').outputs.clientId.value]", Passed("functionApp", "identityClientId"));
    }

    [Fact]
    public void The_function_app_identity_holds_every_role_the_service_and_the_task_hub_need()
    {
        // Arrange
        ArmTemplate roles = Main.Module("roles");

        // Act: (role id, scope) of every unconditional assignment to the app's identity.
        var granted = roles.OfType("Microsoft.Authorization/roleAssignments")
            .Where(a => (string?)a["properties"]!["principalId"] == "[parameters('appPrincipalId')]")
            .Where(a => a["condition"] is null)
            .SelectMany(a => roles.Expand((string)a["properties"]!["roleDefinitionId"]!)
                .Select(role => (Role: RoleId().Match(role).Value, Scope: (string)a["scope"]!)))
            .ToList();

        // Assert
        Assert.Equal("[reference('identity').outputs.principalId.value]", Passed("roles", "appPrincipalId"));
        const string Storage = "Microsoft.Storage/storageAccounts'";
        Assert.Contains(granted, g => g.Role == StorageBlobDataOwner && On(g.Scope, Storage));
        Assert.Contains(granted, g => g.Role == StorageQueueDataContributor && On(g.Scope, Storage));
        Assert.Contains(granted, g => g.Role == StorageTableDataContributor && On(g.Scope, Storage));
        const string Insights = "Microsoft.Insights/components";
        const string Secret = "Microsoft.KeyVault/vaults/secrets";
        Assert.Contains(granted, g => g.Role == MonitoringMetricsPublisher && On(g.Scope, Insights));
        Assert.Contains(granted, g => g.Role == KeyVaultSecretsUser && On(g.Scope, Secret));
        Assert.All(
            roles.OfType("Microsoft.Authorization/roleAssignments"),
            a => Assert.StartsWith("[guid(", (string?)a["name"], StringComparison.Ordinal));

        static bool On(string scope, string type) => scope.Contains(type, StringComparison.Ordinal);
    }

    [Fact]
    public void No_template_lists_keys_or_carries_a_connection_string_with_a_key()
    {
        // Arrange
        string[] sources =
        [
            .. Directory.GetFiles(RepositoryPaths.Combine("infra"), "*.bicep", SearchOption.AllDirectories)
                .Select(File.ReadAllText),
        ];

        // Act
        string everything = compiled.Json + string.Join('\n', sources);

        // Assert
        Assert.DoesNotContain("listKeys", everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listAccountSas", everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listServiceSas", everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AccountKey=", everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("InstrumentationKey", everything, StringComparison.Ordinal);
    }

    [Fact]
    public void The_host_reaches_storage_and_monitoring_with_the_identity_and_no_connection_string()
    {
        // Act
        JsonObject platform = Main.Module("functionApp").Variables["platformSettings"]!.AsObject();
        JsonObject insights = Main.Module("monitoring").OfType("Microsoft.Insights/components").Single();

        // Assert
        Assert.Equal("managedidentity", (string?)platform["AzureWebJobsStorage__credential"]);
        Assert.Equal("[parameters('identityClientId')]", (string?)platform["AzureWebJobsStorage__clientId"]);
        Assert.Equal("[parameters('blobEndpoint')]", (string?)platform["AzureWebJobsStorage__blobServiceUri"]);
        Assert.Equal("[parameters('queueEndpoint')]", (string?)platform["AzureWebJobsStorage__queueServiceUri"]);
        Assert.Equal("[parameters('tableEndpoint')]", (string?)platform["AzureWebJobsStorage__tableServiceUri"]);
        Assert.False(platform.ContainsKey("AzureWebJobsStorage"), "a plain AzureWebJobsStorage is a connection string");
        Assert.StartsWith(
            "[format('ClientId={0};Authorization=AAD'",
            (string?)platform["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"],
            StringComparison.Ordinal);
        Assert.True((bool)insights["properties"]!["DisableLocalAuth"]!);
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex RoleId();
}
