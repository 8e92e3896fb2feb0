using FunctionsDownloader.Testing;

namespace FunctionsDownloader.Tests.Infrastructure;

/// <summary>Where the Functions app was built; the test project builds it in its own configuration.</summary>
public static class BuildOutput
{
    /// <summary>The configuration (Debug, Release) this test assembly was built in.</summary>
    public static string Configuration =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>The Functions app's output folder.</summary>
    public static string FunctionsAppDirectory =>
        RepositoryPaths.Combine("src", "FunctionsDownloader", "bin", Configuration, "net10.0");
}
