using System.Collections.Concurrent;
using System.Text;
using CliWrap;

namespace FunctionsDownloader.Media;

/// <summary>
/// The resolved path and version line of each tool, read once per path (health reports them on
/// every call, so they must be cheap). A tool that cannot be found or run is reported, not cached.
/// </summary>
public sealed class ToolVersions(ToolLocator tools)
{
    private readonly ConcurrentDictionary<string, string> _versions = new(StringComparer.Ordinal);

    /// <summary>The tool's path and the first line of its version output.</summary>
    /// <exception cref="FileNotFoundException">The tool is not installed where it is looked for.</exception>
    /// <exception cref="InvalidOperationException">The tool did not run.</exception>
    public async Task<(string Path, string Version)> GetAsync(string tool, CancellationToken cancellationToken)
    {
        string path = tools.Resolve(tool);
        if (_versions.TryGetValue(path, out string? cached))
        {
            return (path, cached);
        }

        string[] args = tool == ToolLocator.YtDlp ? ["--ignore-config", "--version"] : ["-hide_banner", "-version"];
        var output = new StringBuilder();
        ToolResult result = await ToolProcess.RunAsync(
            tool, path, args, Path.GetTempPath(), PipeTarget.ToStringBuilder(output), null, TimeSpan.FromSeconds(20), cancellationToken);
        string first = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "";
        if (result.ExitCode != 0 || first.Length == 0)
        {
            throw new InvalidOperationException($"{tool} at {path} did not report its version (exit code {result.ExitCode}).");
        }

        _versions[path] = first;
        return (path, first);
    }
}
