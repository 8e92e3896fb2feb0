using System.Text;
using System.Text.RegularExpressions;
using CliWrap;
using FunctionsDownloader.Storage;

namespace FunctionsDownloader.Media;

/// <summary>
/// What the installed yt-dlp supports, read once from <c>--version</c> and <c>--help</c>: the code
/// runs with Debian's 2023 build and with current releases, and passes no flag the binary lacks.
/// </summary>
public sealed partial class YtDlpCapabilities
{
    private readonly CachedInitialization<(string Version, HashSet<string> Flags)> _probe;

    /// <summary>Creates the capabilities reader for the yt-dlp that <paramref name="tools"/> resolves.</summary>
    public YtDlpCapabilities(ToolLocator tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        _probe = new(() => ProbeAsync(tools.Resolve(ToolLocator.YtDlp)));
    }

    /// <summary>The version string yt-dlp prints (for example <c>2023.03.04</c>).</summary>
    public async Task<string> VersionAsync(CancellationToken cancellationToken) =>
        (await _probe.GetAsync(cancellationToken)).Version;

    /// <summary>Whether yt-dlp accepts <paramref name="flag"/> (for example <c>--no-plugin-dirs</c>).</summary>
    public async Task<bool> SupportsAsync(string flag, CancellationToken cancellationToken) =>
        (await _probe.GetAsync(cancellationToken)).Flags.Contains(flag);

    private static async Task<(string, HashSet<string>)> ProbeAsync(string path)
    {
        string temp = Path.GetTempPath();
        var version = new StringBuilder();
        await ToolProcess.RunAsync(
            ToolLocator.YtDlp, path, ["--ignore-config", "--version"], temp, PipeTarget.ToStringBuilder(version), null,
            TimeSpan.FromSeconds(30), CancellationToken.None);

        var help = new StringBuilder();
        await ToolProcess.RunAsync(
            ToolLocator.YtDlp, path, ["--ignore-config", "--help"], temp, PipeTarget.ToStringBuilder(help), null,
            TimeSpan.FromSeconds(30), CancellationToken.None);

        HashSet<string> flags = [.. Flag().Matches(help.ToString()).Select(m => m.Value)];
        return (version.ToString().Trim(), flags);
    }

    [GeneratedRegex(@"(?<=\s|,)--[a-z0-9][a-z0-9-]*")]
    private static partial Regex Flag();
}
