using FunctionsDownloader.Errors;
using FunctionsDownloader.Jobs;

namespace FunctionsDownloader.Media;

/// <summary>
/// Counts a tool's output as it is read, refuses to go past a size limit, and does not pass off the
/// end of a killed tool's output as the end of the media.
/// </summary>
/// <param name="maxBytes">The most bytes the output may have.</param>
/// <param name="onTooLarge">Called once the output passes <paramref name="maxBytes"/> (it stops the tool).</param>
/// <param name="cancellation">The run's token: a tool killed by it closes its output, which must fail the read.</param>
internal sealed class OutputMeter(long maxBytes, Action onTooLarge, CancellationToken cancellation)
{
    private long _bytesRead;

    /// <summary>The bytes read so far.</summary>
    public long BytesRead => Interlocked.Read(ref _bytesRead);

    /// <summary>Notes a read of <paramref name="read"/> bytes (0: the end of the output).</summary>
    /// <exception cref="OperationCanceledException">The output ended because the run was cancelled.</exception>
    /// <exception cref="MediaToolException">The output passed the size limit (<c>file_too_large</c>).</exception>
    public void OnRead(int read)
    {
        if (read == 0)
        {
            cancellation.ThrowIfCancellationRequested();
            return;
        }

        if (Interlocked.Add(ref _bytesRead, read) > maxBytes)
        {
            onTooLarge();
            throw new MediaToolException(
                ToolLocator.YtDlp, null, ErrorCodes.FileTooLarge, "The file is larger than this service allows.");
        }
    }
}
