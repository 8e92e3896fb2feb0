using System.Diagnostics;
using CliWrap;

namespace FunctionsDownloader.Media;

/// <summary>
/// Runs one tool with an argument list (never a shell string) in a process group of its own,
/// so that cancelling, or a stall, ends the tool and everything it started.
/// </summary>
public static class ToolProcess
{
    private const int StderrTailLines = 30;

    /// <summary>Runs the tool and returns how it ended; a non-zero exit code is not an exception.</summary>
    /// <param name="toolName">Short name for messages (<c>yt-dlp</c>).</param>
    /// <param name="toolPath">Full path of the executable.</param>
    /// <param name="arguments">The arguments, passed as they are.</param>
    /// <param name="workingDirectory">Where the tool runs.</param>
    /// <param name="standardOutput">Where standard output goes.</param>
    /// <param name="onStandardError">Called for each line of standard error.</param>
    /// <param name="inactivityTimeout">Kill the tool when it writes nothing for this long; <c>null</c> for no limit.</param>
    /// <param name="cancellationToken">Cancels the run and kills the process group.</param>
    /// <exception cref="ToolStalledException">The tool was silent for longer than <paramref name="inactivityTimeout"/>.</exception>
    public static async Task<ToolResult> RunAsync(
        string toolName,
        string toolPath,
        IReadOnlyList<string> arguments,
        string workingDirectory,
        PipeTarget standardOutput,
        Action<string>? onStandardError,
        TimeSpan? inactivityTimeout,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(toolPath);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(standardOutput);

        var tail = new Queue<string>(StderrTailLines);
        long lastActivity = Stopwatch.GetTimestamp();
        using var stalled = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stalled.Token);

        var activityAwareStdout = new ActivityPipeTarget(standardOutput, () => Interlocked.Exchange(ref lastActivity, Stopwatch.GetTimestamp()));
        DirectoryInfo home = Directory.CreateTempSubdirectory("fd-home-");
        Command command = Cli.Wrap("setsid")
            .WithArguments(args => args.Add(toolPath).Add(arguments))
            .WithWorkingDirectory(workingDirectory)
            .WithEnvironmentVariables(ToolEnvironment.For(home.FullName, Path.GetDirectoryName(toolPath)))
            .WithStandardOutputPipe(activityAwareStdout)
            .WithStandardErrorPipe(PipeTarget.ToDelegate(line =>
            {
                Interlocked.Exchange(ref lastActivity, Stopwatch.GetTimestamp());
                lock (tail)
                {
                    if (tail.Count == StderrTailLines)
                    {
                        tail.Dequeue();
                    }

                    tail.Enqueue(line);
                }

                onStandardError?.Invoke(line);
            }))
            .WithValidation(CommandResultValidation.None);

        var started = Stopwatch.StartNew();
        CommandTask<CommandResult> run = command.ExecuteAsync(linked.Token);
        int pid = run.ProcessId;

        // CliWrap only kills its direct child; end the whole group on cancellation.
        using CancellationTokenRegistration killGroup = linked.Token.Register(() => ProcessGroup.Kill(pid));
        using Timer? watchdog = inactivityTimeout is { } limit
            ? new Timer(
                _ =>
                {
                    if (Stopwatch.GetElapsedTime(Interlocked.Read(ref lastActivity)) > limit)
                    {
                        stalled.Cancel();
                    }
                },
                null,
                TimeSpan.FromSeconds(1),
                TimeSpan.FromSeconds(1))
            : null;

        try
        {
            CommandResult result = await run;
            string stderrTail;
            lock (tail)
            {
                stderrTail = string.Join('\n', tail);
            }

            return new ToolResult(result.ExitCode, stderrTail, started.Elapsed);
        }
        catch (OperationCanceledException) when (stalled.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            ProcessGroup.Kill(pid);
            throw new ToolStalledException(toolName, inactivityTimeout ?? TimeSpan.Zero);
        }
        catch (OperationCanceledException)
        {
            ProcessGroup.Kill(pid);
            throw;
        }
        finally
        {
            TryDelete(home);
        }
    }

    private static void TryDelete(DirectoryInfo directory)
    {
        try
        {
            directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp folder's own cleanup.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Forwards standard output and notes that the tool is alive.</summary>
    private sealed class ActivityPipeTarget(PipeTarget inner, Action onActivity) : PipeTarget
    {
        public override async Task CopyFromAsync(Stream origin, CancellationToken cancellationToken = default)
        {
            await using var observed = new ObservedStream(origin, read =>
            {
                if (read > 0)
                {
                    onActivity();
                }
            });
            await inner.CopyFromAsync(observed, cancellationToken);
        }
    }
}
