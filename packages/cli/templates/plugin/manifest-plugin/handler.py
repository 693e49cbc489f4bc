def on_message_received(event, sdk):
    key = 'messages:' + event['session_id']
    count = sdk.kv.get(key, 0) + 1
    sdk.kv.set(key, count)
    sdk.log(f"message {count} of session {event['session_id']}: {event['message']}")


def on_turn_complete(event, sdk):
    url = sdk.config.get('WEBHOOK_URL', '').strip()
    if not url:
        sdk.log('no WEBHOOK_URL configured; nothing to notify', level='warn')
        return
    count = sdk.kv.get('messages:' + event['session_id'], 0)
    response = sdk.http_request(method='POST', url=url, json={'session_id': event['session_id'], 'messages': count}, timeout=10)
    if not response['ok']:
        sdk.log(f"webhook answered {response['status_code']}", level='error')
