/**
 * The machine-readable marker every notebook figure output carries: a JSON object under its own MIME type in the
 * output's bundle (front-ends skip a type they do not know), with the figure, its titles and where its PNG file is.
 * showFigure writes it; the figure check of executed notebooks reads it.
 */
import type { Figure } from "./plotly.js";

export const FIGURE_MIME = "application/vnd.encryptai.figure+json";

export interface FigureMarker {
  readonly version: 1;
  /** The notebook's name and the figure's id in it: the PNG is <dir>/<notebook>-<id>.png. */
  readonly notebook: string;
  readonly id: string;
  readonly title: string;
  /** Layout axis key → its title, for every axis in use. */
  readonly axes: Readonly<Record<string, string>>;
  /** The PNG file, relative to the project root when inside it. */
  readonly png: string;
  readonly width: number;
  readonly height: number;
  /** The normalised plotly figure (what the HTML draws). */
  readonly figure: Figure;
}
