using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ChatAi.Tests.Infrastructure;

/// <summary>
/// Records the SQL commands EF Core executes (through its DiagnosticListener, process-wide) whose parameters include
/// <paramref name="value"/>: a value only one test uses, such as its chat id, keeps other tests' commands out.
/// EF Core looks for listeners now and then rather than before every command (a context that found none stops
/// looking for its logging cache time, 1 s), so run commands until one shows and that time has passed, then
/// <see cref="Clear"/> and measure.
/// </summary>
public sealed class DbCommandLog : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string _value;
    private readonly ConcurrentQueue<string> _commands = new();
    private readonly List<IDisposable> _subscriptions = [];
    private readonly IDisposable _all;

    public DbCommandLog(object value)
    {
        _value = value.ToString()!;
        _all = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public IReadOnlyList<string> Commands => [.. _commands];

    public void Clear() => _commands.Clear();

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name != DbLoggerCategory.Name) return;
        lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> e)
    {
        if (e.Key != RelationalEventId.CommandExecuted.Name || e.Value is not CommandExecutedEventData data) return;
        if (data.Command.Parameters.Cast<DbParameter>().Any(p => string.Equals(p.Value?.ToString(), _value, StringComparison.OrdinalIgnoreCase)))
            _commands.Enqueue(data.Command.CommandText);
    }

    public void OnCompleted() { }

    public void OnError(Exception error) { }

    public void Dispose()
    {
        _all.Dispose();
        lock (_subscriptions) foreach (var subscription in _subscriptions) subscription.Dispose();
    }
}
