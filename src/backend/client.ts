/**
 * Typed HTTP client of the privileged backend API (see api.ts). The one file of backend/ that
 * the bot side (bot/, approvals/, campaigns/) may import.
 */
import type { DeleteStaleDeviceRequest, DeleteStaleDeviceResponse, DiagnoseRequest, DiagnoseResponse } from './api';

export interface BackendClient {
  diagnose(request: DiagnoseRequest): Promise<DiagnoseResponse>;
  deleteStaleDevice(request: DeleteStaleDeviceRequest): Promise<DeleteStaleDeviceResponse>;
}

// The implementation (createBackendClient) follows below; it maps API errors to AppError.
