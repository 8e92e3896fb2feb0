namespace FunctionsDownloader.Media;

/// <summary>A tool wrote nothing for longer than the allowed time and was killed.</summary>
public sealed class ToolStalledException(string tool, TimeSpan silence)
    : Exception($"{tool} showed no progress for {silence.TotalSeconds:0} seconds and was stopped.")
{
    /// <summary>The tool that stalled.</summary>
    public string Tool { get; } = tool;
}
