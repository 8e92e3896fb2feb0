using System.Threading.RateLimiting;

namespace FunctionsDownloader.MediaSite.Serving;

/// <summary>
/// A write-only stream that passes writes on in small chunks, each waiting for as many tokens
/// (bytes) from a token bucket, so the response body trickles out at a fixed rate.
/// </summary>
internal sealed class ThrottledStream(Stream inner, RateLimiter limiter, int chunkSize) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask WriteAsync(
        ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            var chunk = buffer[..Math.Min(buffer.Length, chunkSize)];
            using var lease = await limiter.AcquireAsync(chunk.Length, cancellationToken);
            if (!lease.IsAcquired)
            {
                throw new InvalidOperationException(
                    "The throttle of the local media site refused a write; " +
                    "its queue limit is too small.");
            }

            await inner.WriteAsync(chunk, cancellationToken);
            buffer = buffer[chunk.Length..];
        }
    }

    public override Task WriteAsync(
        byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException(
            "The throttled response body of the local media site only supports asynchronous writes.");

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
