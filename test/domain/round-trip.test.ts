/**
 * Every codec of the wire model: a valid value encoded, sent through JSON and
 * decoded again comes back unchanged.
 */
import { type fc, test } from '@fast-check/vitest';
import { either as E } from 'fp-ts';
import type * as t from 'io-ts';
import { describe, expect } from 'vitest';
import {
  CreatePasswordRequest,
  CreatePukRequest,
  CreateTempStrongPasswordRequest,
  CreateTicketRequest,
  CredentialKind,
  CredentialResource,
  CredentialTypeName,
  ErrorBody,
  ErrorEntry,
  ExtId,
  IsoInstant,
  LoginResponse,
  LoginStatusCode,
  NonNegativeInt32,
  PasswordCredential,
  PasswordLoginRequest,
  PasswordResetResponse,
  PatchPasswordRequest,
  PatchPukRequest,
  PatchTempStrongPasswordRequest,
  PatchTicketRequest,
  PukCredential,
  PukLoginRequest,
  ResetPasswordRequest,
  ResetRequest,
  StateChangeReason,
  StateName,
  TempStrongPasswordCredential,
  TempStrongPasswordIssuedResponse,
  TempStrongPasswordLoginRequest,
  TicketCredential,
  TicketLoginRequest,
  UnlockRequest,
  Validity,
} from '../../src/index.js';
import * as arb from '../../src/testing/index.js';

const roundTrips = <A, O>(codec: t.Type<A, O, unknown>, values: fc.Arbitrary<A>): void => {
  test.prop([values])(codec.name, (value) => {
    const wire: unknown = JSON.parse(JSON.stringify(codec.encode(value)));
    expect(codec.decode(wire)).toEqual(E.right(value));
  });
};

describe('scalars survive encode → JSON → decode', () => {
  roundTrips(IsoInstant, arb.instantArb);
  roundTrips(NonNegativeInt32, arb.countArb);
  roundTrips(ExtId, arb.extIdArb);
  roundTrips(StateName, arb.stateNameArb);
  roundTrips(StateChangeReason, arb.stateChangeReasonArb);
  roundTrips(CredentialTypeName, arb.credentialTypeNameArb);
  roundTrips(CredentialKind, arb.credentialKindArb);
  roundTrips(Validity, arb.validityArb);
});

describe('credential resources survive encode → JSON → decode', () => {
  roundTrips(PasswordCredential, arb.passwordCredentialArb);
  roundTrips(TempStrongPasswordCredential, arb.tempStrongPasswordCredentialArb);
  roundTrips(TicketCredential, arb.ticketCredentialArb);
  roundTrips(PukCredential, arb.pukCredentialArb);
  roundTrips(CredentialResource, arb.credentialResourceArb);
});

describe('request bodies survive encode → JSON → decode', () => {
  roundTrips(CreatePasswordRequest, arb.createPasswordRequestArb);
  roundTrips(CreateTempStrongPasswordRequest, arb.createTempStrongPasswordRequestArb);
  roundTrips(CreateTicketRequest, arb.createTicketRequestArb);
  roundTrips(CreatePukRequest, arb.createPukRequestArb);
  roundTrips(PatchPasswordRequest, arb.patchPasswordRequestArb);
  roundTrips(PatchTempStrongPasswordRequest, arb.patchTempStrongPasswordRequestArb);
  roundTrips(PatchTicketRequest, arb.patchTicketRequestArb);
  roundTrips(PatchPukRequest, arb.patchPukRequestArb);
  roundTrips(ResetRequest, arb.emptyRequestArb);
  roundTrips(ResetPasswordRequest, arb.resetPasswordRequestArb);
  roundTrips(UnlockRequest, arb.emptyRequestArb);
  roundTrips(PasswordLoginRequest, arb.passwordLoginRequestArb);
  roundTrips(TempStrongPasswordLoginRequest, arb.tempStrongPasswordLoginRequestArb);
  roundTrips(TicketLoginRequest, arb.ticketLoginRequestArb);
  roundTrips(PukLoginRequest, arb.pukLoginRequestArb);
});

describe('response bodies survive encode → JSON → decode', () => {
  roundTrips(LoginStatusCode, arb.loginStatusCodeArb);
  roundTrips(LoginResponse, arb.loginResponseArb);
  roundTrips(PasswordResetResponse, arb.passwordResetResponseArb);
  roundTrips(TempStrongPasswordIssuedResponse, arb.tempStrongPasswordIssuedResponseArb);
  roundTrips(ErrorEntry, arb.errorEntryArb);
  roundTrips(ErrorBody, arb.errorBodyArb);
});
