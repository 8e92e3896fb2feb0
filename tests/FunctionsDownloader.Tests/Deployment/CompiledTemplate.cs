using System.Text.Json.Nodes;
using FunctionsDownloader.Testing;

namespace FunctionsDownloader.Tests.Deployment;

/// <summary>
/// infra/main.bicep compiled once per test class with the Bicep CLI from its NuGet package
/// (restored by infra/scripts/bicep.sh when missing), so the tests need nothing but `dotnet test`.
/// </summary>
public sealed class CompiledTemplate : IAsyncLifetime
{
    private readonly ScratchFolder _output = new();

    /// <summary>The path of the Bicep CLI.</summary>
    public string BicepPath { get; private set; } = "";

    /// <summary>The ARM JSON as text.</summary>
    public string Json { get; private set; } = "";

    internal ArmTemplate Main { get; private set; } = new([]);

    public async Task InitializeAsync()
    {
        BicepPath = await Shell.RunScriptAsync("infra/scripts/bicep.sh", "path");
        string target = _output.Combine("main.json");
        string main = RepositoryPaths.Combine("infra", "main.bicep");
        var build = await Shell.RunAsync(BicepPath, ["build", main, "--outfile", target]);
        Assert.True(build.ExitCode == 0, $"bicep build failed:\n{build.StandardError}");

        Json = await File.ReadAllTextAsync(target);
        Main = new ArmTemplate(JsonNode.Parse(Json)!.AsObject());
    }

    public Task DisposeAsync()
    {
        _output.Dispose();
        return Task.CompletedTask;
    }
}
