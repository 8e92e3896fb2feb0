using System.Globalization;
using CliWrap;
using FunctionsDownloader.Media;
using FunctionsDownloader.Tests.Infrastructure;

namespace FunctionsDownloader.Tests.Media;

/// <summary>Tools run in a process group of their own, which is ended as a whole.</summary>
public sealed class ToolProcessTests
{
    [Fact(Timeout = 30_000)]
    public async Task Cancelling_a_tool_also_ends_the_children_it_started()
    {
        // Arrange: a shell that starts a grandchild, as yt-dlp starts ffmpeg.
        string marker = "9" + Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture) + ".5";
        using var cancel = new CancellationTokenSource();
        Task<ToolResult> run = ToolProcess.RunAsync(
            "sh",
            "/bin/sh",
            ["-c", $"sleep {marker} & sleep {marker}; wait"],
            Path.GetTempPath(),
            PipeTarget.Null,
            null,
            null,
            cancel.Token);
        await WaitForAsync(() => ProcessTable.CommandLinesContaining("sleep " + marker).Count >= 2);

        // Act
        await cancel.CancelAsync();

        // Assert
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Empty(await ProcessTable.WaitUntilNoneAsync("sleep " + marker, TimeSpan.FromSeconds(5)));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_tool_that_stays_silent_too_long_is_stopped_as_stalled()
    {
        // Arrange
        string marker = "8" + Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture) + ".5";

        // Act
        Task<ToolResult> run = ToolProcess.RunAsync(
            "sh", "/bin/sh", ["-c", $"sleep {marker}"], Path.GetTempPath(), PipeTarget.Null, null, TimeSpan.FromSeconds(2), CancellationToken.None);

        // Assert
        ToolStalledException stalled = await Assert.ThrowsAsync<ToolStalledException>(() => run);
        Assert.Equal("sh", stalled.Tool);
        Assert.Empty(await ProcessTable.WaitUntilNoneAsync("sleep " + marker, TimeSpan.FromSeconds(5)));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_failing_tool_reports_its_exit_code_and_the_tail_of_stderr()
    {
        // Act
        ToolResult result = await ToolProcess.RunAsync(
            "sh", "/bin/sh", ["-c", "echo first >&2; echo last >&2; exit 3"], Path.GetTempPath(), PipeTarget.Null, null, null, CancellationToken.None);

        // Assert
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("first\nlast", result.StandardErrorTail);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (int i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), "the condition was not met in time");
    }
}
