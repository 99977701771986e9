using System.Text;
using ChatAi.Core.Providers;

namespace ChatAi.Tests.Providers;

public sealed class SseReaderTests
{
    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public async Task ParsesEventsWithAnyLineEnding(string eol)
    {
        var events = await ReadAsync($"data: one{eol}{eol}data: two{eol}{eol}");

        Assert.Equal(["one", "two"], events.Select(e => e.Data));
        Assert.All(events, e => Assert.Equal("message", e.EventType));
    }

    [Fact]
    public async Task GivesTheSameEventsWhateverTheReadBoundaries()
    {
        const string wire = "data: {\"text\": \"Grüße 👋\"}\r\n\r\n: keep-alive\r\n\r\nevent: error\r\ndata: a\r\ndata: b\r\n\r\ndata: last\n\n";
        var whole = await ReadAsync(wire);

        for (var size = 1; size <= 9; size++)
            Assert.Equal(whole, await ReadAsync(wire, size));
        Assert.Equal(["{\"text\": \"Grüße 👋\"}", "a\nb", "last"], whole.Select(e => e.Data));
        Assert.Equal("error", whole[1].EventType);
    }

    [Fact]
    public async Task TreatsCrAtTheEndOfOneReadAndLfAtTheStartOfTheNextAsOneLineEnd()
    {
        var bytes = Encoding.UTF8.GetBytes("data: x\r\n\r\ndata: y\r\n\r\n");
        // Cut after every CR: a parser that sees CR then LF as two line ends would dispatch an empty event early.
        var cuts = bytes.Select((b, i) => (b, i)).Where(p => p.b == (byte)'\r').Select(p => p.i + 1).ToArray();

        var events = await ReadAsync(new ChunkedStream(bytes, cuts));

        Assert.Equal(["x", "y"], events.Select(e => e.Data));
    }

    [Fact]
    public async Task SkipsCommentsAndEventsWithoutData()
    {
        var events = await ReadAsync(": ping\n\nevent: ping\n\nid: 7\n\n:\ndata: real\n\n");

        var only = Assert.Single(events);
        Assert.Equal("real", only.Data);
        Assert.Equal("7", only.Id);
    }

    [Fact]
    public async Task ReadsFieldsWithoutSpaceOrValue()
    {
        var events = await ReadAsync("data:tight\n\ndata\n\ndata:  two spaces\n\n");

        Assert.Equal(["tight", "", " two spaces"], events.Select(e => e.Data));
    }

    [Fact]
    public async Task DropsAnUnterminatedEventAtTheEnd()
    {
        var events = await ReadAsync("data: complete\n\ndata: cut off");

        Assert.Equal(["complete"], events.Select(e => e.Data));
    }

    [Fact]
    public async Task IgnoresALeadingByteOrderMark()
    {
        var events = await ReadAsync("\uFEFFdata: bom\n\n");

        Assert.Equal("bom", Assert.Single(events).Data);
    }

    [Fact]
    public async Task RefusesAnEndlessLine()
    {
        var stream = new MemoryStream(Encoding.UTF8.GetBytes("data: " + new string('x', 2000)));

        await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            await foreach (var _ in SseReader.ReadAsync(stream, CancellationToken.None, maxLineBytes: 1000)) { }
        });
    }

    private static Task<List<SseEvent>> ReadAsync(string wire, int? chunkSize = null)
    {
        var bytes = Encoding.UTF8.GetBytes(wire);
        var cuts = chunkSize is { } size ? Enumerable.Range(1, bytes.Length / size).Select(i => i * size).ToArray() : [];
        return ReadAsync(new ChunkedStream(bytes, cuts));
    }

    private static async Task<List<SseEvent>> ReadAsync(Stream stream)
    {
        var events = new List<SseEvent>();
        await foreach (var e in SseReader.ReadAsync(stream, CancellationToken.None)) events.Add(e);
        return events;
    }

    /// <summary>Returns at most up to the next cut per read, like a network delivering arbitrary segments.</summary>
    private sealed class ChunkedStream(byte[] bytes, int[] cuts) : Stream
    {
        private int _position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var next = cuts.Where(c => c > _position).DefaultIfEmpty(bytes.Length).Min();
            var n = Math.Min(count, next - _position);
            Array.Copy(bytes, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => bytes.Length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
