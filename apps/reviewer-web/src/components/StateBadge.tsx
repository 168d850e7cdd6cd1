import type { ReviewState } from '../gql/graphql';
import { STATE_LABELS } from './words';

export function StateBadge({ state }: { state: ReviewState }) {
  return <span className={`state state-${state.toLowerCase().replace(/_/g, '-')}`}>{STATE_LABELS[state]}</span>;
}
