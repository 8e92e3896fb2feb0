using System.Text.Json;
using FunctionsDownloader.Hosting;
using FunctionsDownloader.Testing;
using FunctionsDownloader.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsDownloader.Tests.Hosting;

/// <summary>The Functions app and the Standalone host expose the same API and the same tasks.</summary>
[Collection(ServiceGroup.Name)]
public sealed class HostParityTests(ServiceFixture service)
{
    [Fact]
    public void Both_hosts_expose_the_same_routes_and_methods()
    {
        // Arrange
        JsonElement[] functions = ReadFunctionsMetadata();
        string prefix = ReadRoutePrefix();

        // Act
        SortedSet<string> functionRoutes = new(
            functions
                .SelectMany(f => f.GetProperty("bindings").EnumerateArray())
                .Where(b => b.GetProperty("type").GetString() == "httpTrigger")
                .SelectMany(b => b.GetProperty("methods").EnumerateArray().Select(m =>
                    $"{m.GetString()!.ToUpperInvariant()} /{prefix}/{b.GetProperty("route").GetString()}")),
            StringComparer.Ordinal);
        SortedSet<string> standaloneRoutes = new(
            service.Host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
                .OfType<RouteEndpoint>()
                .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
                .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
                    .Select(m => $"{m} {e.RoutePattern.RawText}")),
            StringComparer.Ordinal);

        // Assert
        Assert.NotEmpty(functionRoutes);
        Assert.Equal(standaloneRoutes, functionRoutes);
        Assert.Contains("POST /api/v1/download", functionRoutes);
        Assert.Contains("DELETE /api/v1/download/{requestId}", functionRoutes);
    }

    [Fact]
    public void Both_hosts_know_the_same_orchestrators_and_activities()
    {
        // Arrange
        JsonElement[] functions = ReadFunctionsMetadata();

        // Act
        string[] Named(string trigger) =>
        [
            .. functions
                .Where(f => f.GetProperty("bindings").EnumerateArray().Any(b => b.GetProperty("type").GetString() == trigger))
                .Select(f => f.GetProperty("name").GetString()!)
                .Order(StringComparer.Ordinal),
        ];

        // Assert
        Assert.Equal(WorkflowCatalog.Orchestrators.Select(t => t.Name).Order(StringComparer.Ordinal), Named("orchestrationTrigger"));
        Assert.Equal(WorkflowCatalog.Activities.Select(t => t.Name).Order(StringComparer.Ordinal), Named("activityTrigger"));
    }

    [Fact]
    public void The_Functions_cleanup_timer_runs_on_the_cleanup_schedule_setting()
    {
        // Act
        JsonElement[] timers =
        [
            .. ReadFunctionsMetadata()
                .SelectMany(f => f.GetProperty("bindings").EnumerateArray())
                .Where(b => b.GetProperty("type").GetString() == "timerTrigger"),
        ];

        // Assert
        JsonElement timer = Assert.Single(timers);
        Assert.Equal("%Downloader:CleanupSchedule%", timer.GetProperty("schedule").GetString());
    }

    [Fact]
    public void Every_http_function_is_anonymous_so_callers_hold_one_secret()
    {
        // Act
        string[] levels =
        [
            .. ReadFunctionsMetadata()
                .SelectMany(f => f.GetProperty("bindings").EnumerateArray())
                .Where(b => b.GetProperty("type").GetString() == "httpTrigger")
                .Select(b => b.GetProperty("authLevel").GetString()!),
        ];

        // Assert
        Assert.NotEmpty(levels);
        Assert.All(levels, level => Assert.Equal("Anonymous", level));
    }

    /// <summary>The <c>functions.metadata</c> the Worker SDK generated for the Functions app build.</summary>
    internal static JsonElement[] ReadFunctionsMetadata()
    {
        string path = Path.Combine(BuildOutput.FunctionsAppDirectory, "functions.metadata");
        Assert.True(File.Exists(path), $"{path} is missing; build the Functions app first.");
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    internal static string ReadRoutePrefix()
    {
        using JsonDocument host = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("host.json")));
        return host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString()!;
    }
}
