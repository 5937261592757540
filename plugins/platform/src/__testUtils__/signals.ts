import type { SignalApi } from '@backstage/plugin-signals-react';
import { act } from '@testing-library/react';

/** A signal API for tests: records subscriptions and lets tests push. */
export function createTestSignals() {
  type Message = Parameters<Parameters<SignalApi['subscribe']>[1]>[0];
  const subscribers = new Map<string, Set<(message: Message) => void>>();
  const api: SignalApi = {
    subscribe(channel, onMessage) {
      const set = subscribers.get(channel) ?? new Set();
      subscribers.set(channel, set);
      const callback = (message: Message) => onMessage(message as never);
      set.add(callback);
      return {
        unsubscribe: () => {
          set.delete(callback);
        },
      };
    },
  };
  return {
    api,
    /** Pushes a message to the channel's subscribers. */
    emit(channel: string, message: Message) {
      act(() => {
        subscribers.get(channel)?.forEach(callback => callback(message));
      });
    },
    subscriberCount(channel: string) {
      return subscribers.get(channel)?.size ?? 0;
    },
  };
}
