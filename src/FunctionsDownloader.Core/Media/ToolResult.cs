namespace FunctionsDownloader.Media;

/// <summary>How a tool run ended: its exit code and the last lines it wrote to standard error.</summary>
public sealed record ToolResult(int ExitCode, string StandardErrorTail, TimeSpan Duration);
