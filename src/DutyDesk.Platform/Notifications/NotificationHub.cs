namespace DutyDesk.Platform.Notifications;

/// <summary>
/// Tells open circuits on this node that a person has a new notification. Other nodes' bells
/// learn it from their periodic refresh; the row in the database is the truth.
/// </summary>
public sealed class NotificationHub
{
    public event Action<Guid>? Notified;

    public void Publish(Guid userId) => Notified?.Invoke(userId);
}
