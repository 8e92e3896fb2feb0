namespace FunctionsDownloader.Testing;

/// <summary>Finds the repository's files from a test or benchmark binary.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The folder that holds <c>FunctionsDownloader.sln</c>.</summary>
    public static string Root => RootPath.Value;

    /// <summary>A path under the repository root.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FunctionsDownloader.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No FunctionsDownloader.sln above '{AppContext.BaseDirectory}'. Run the tests from a clone of the repository.");
    }
}
